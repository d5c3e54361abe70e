// Flex Consumption plan and the Function App (.NET 10 isolated worker), running as the user-assigned identity.
@description('Function App name (globally unique host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Storage account endpoints (identity-based AzureWebJobsStorage).')
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string

@description('Blob container URL for the deployment package.')
param deploymentContainerUrl string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Versionless Key Vault URI of the SecretKey secret (a reference, not the value).')
param keyVaultKeyUri string

@description('Optional: Key Vault URI (with version) of the key being rotated out; empty outside a rotation.')
param previousKeyVaultKeyUri string = ''

@description('The FunctionsSender settings of CONTRACT section 4, except SecretKey (from Key Vault).')
type FunctionsSenderSettings = {
  QueueName: string
  RequestQueueName: string
  DefaultExpirySeconds: int
  MaxExpirySeconds: int
  AllowedProviderHosts: string
  AllowInsecureProviderUrls: bool
  MaxPerDestination: int
  DestinationWindowSeconds: int
}

@description('Settings under FunctionsSender (CONTRACT section 4), without SecretKey.')
param functionsSenderSettings FunctionsSenderSettings

@description('Largest number of instances Flex Consumption may scale to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var storageSettings = {
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

var monitoringSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // Entra-authenticated ingestion (the component's local auth is off).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var secretSettings = union(
  {
    FunctionsSender__SecretKey: '@Microsoft.KeyVault(SecretUri=${keyVaultKeyUri})'
  },
  empty(previousKeyVaultKeyUri)
    ? {}
    : {
        FunctionsSender__PreviousSecretKey: '@Microsoft.KeyVault(SecretUri=${previousKeyVaultKeyUri})'
      }
)

// The queue triggers name their queues with %FunctionsSender:QueueName% and %FunctionsSender:RequestQueueName%:
// the host cannot index them unless both are set.
var senderSettings = {
  FunctionsSender__QueueName: functionsSenderSettings.QueueName
  FunctionsSender__RequestQueueName: functionsSenderSettings.RequestQueueName
  FunctionsSender__DefaultExpirySeconds: string(functionsSenderSettings.DefaultExpirySeconds)
  FunctionsSender__MaxExpirySeconds: string(functionsSenderSettings.MaxExpirySeconds)
  FunctionsSender__AllowedProviderHosts: functionsSenderSettings.AllowedProviderHosts
  FunctionsSender__AllowInsecureProviderUrls: string(functionsSenderSettings.AllowInsecureProviderUrls)
  FunctionsSender__MaxPerDestination: string(functionsSenderSettings.MaxPerDestination)
  FunctionsSender__DestinationWindowSeconds: string(functionsSenderSettings.DestinationWindowSeconds)
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd deploys service 'api' (azure.yaml) to the site carrying this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(storageSettings, monitoringSettings, secretSettings, senderSettings)
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output url string = 'https://${site.properties.defaultHostName}'
