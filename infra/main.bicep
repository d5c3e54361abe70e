// FunctionsSender on Azure: `azd up` (azure.yaml) or `az deployment sub create -f infra/main.bicep`.
// Flex Consumption Function App running as a user-assigned identity; storage without shared keys; Application
// Insights without local auth; SecretKey in Key Vault. Local modules only (no registry), so it builds offline.
targetScope = 'subscription'

@description('Environment name (azd sets AZURE_ENV_NAME); names the resource group and seeds resource names.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region of every resource; it must offer Flex Consumption (`az functionapp list-flexconsumption-locations`).')
param location string

@description('FunctionsSender SecretKey: Base64 of 32 random bytes (`openssl rand -base64 32`). Stored only in Key Vault.')
@secure()
@minLength(44)
@maxLength(44)
param secretKey string

@description('Optional, during a SecretKey rotation: Key Vault URI (with version) of the key being rotated out.')
param previousKeyVersionUri string = ''

@description('Resource group name; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('Notification queue (internal).')
param queueName string = 'otp-notifications'

@description('Queue intake for upstream producers.')
param requestQueueName string = 'otp-requests'

@description('Expiry (seconds) when a request names none.')
@minValue(1)
@maxValue(86400)
param defaultExpirySeconds int = 300

@description('Largest accepted expiry (seconds).')
@minValue(1)
@maxValue(86400)
param maxExpirySeconds int = 3600

@description('Comma-separated hosts a sender URL may use.')
param allowedProviderHosts string = 'studio.twilio.com'

@description('Notifications accepted for one destination number per window; more answer 429.')
@minValue(1)
param maxPerDestination int = 5

@description('That window, in seconds.')
@minValue(1)
@maxValue(86400)
param destinationWindowSeconds int = 600

@description('Largest number of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

var tags = {
  'azd-env-name': environmentName
  application: 'functionssender'
}
var token = toLower(uniqueString(subscription().id, environmentName, location))
var appName = 'func-fs-${token}'
var identityName = 'id-fs-${token}'
var storageAccountName = 'stfs${token}'
var keyVaultName = 'kv-fs-${take(token, 13)}'
var applicationInsightsName = 'appi-fs-${token}'
var deploymentContainerName = 'app-package-${take(appName, 32)}'

var tableNames = ['senders', 'templates', 'notifications', 'idempotency', 'ratelimits']
var queueNames = [queueName, '${queueName}-poison', requestQueueName, '${requestQueueName}-poison']

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
    tableNames: tableNames
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    logAnalyticsName: 'log-fs-${token}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: group
  params: {
    name: keyVaultName
    location: location
    tags: tags
    secretKey: secretKey
  }
}

module roles 'modules/roles.bicep' = {
  scope: group
  params: {
    principalId: identity.outputs.principalId
    identityName: identityName
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
  }
  // The names above are known before deployment (what-if friendly); the resources must exist first.
  dependsOn: [storage, keyVault, monitoring]
}

module functionApp 'modules/functionapp.bicep' = {
  scope: group
  params: {
    name: appName
    planName: 'plan-fs-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsName: applicationInsightsName
    keyVaultKeyUri: keyVault.outputs.secretUri
    previousKeyVaultKeyUri: previousKeyVersionUri
    maximumInstanceCount: maximumInstanceCount
    // Every setting of CONTRACT section 4 (SecretKey comes from Key Vault above; AllowInsecureProviderUrls stays false).
    functionsSenderSettings: {
      QueueName: queueName
      RequestQueueName: requestQueueName
      DefaultExpirySeconds: defaultExpirySeconds
      MaxExpirySeconds: maxExpirySeconds
      AllowedProviderHosts: allowedProviderHosts
      AllowInsecureProviderUrls: false
      MaxPerDestination: maxPerDestination
      DestinationWindowSeconds: destinationWindowSeconds
    }
  }
  // The identity must hold its roles before the app first reads storage and Key Vault.
  dependsOn: [roles, monitoring]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output KEY_VAULT_NAME string = keyVault.outputs.name
output SECRET_KEY_VERSION_URI string = keyVault.outputs.secretUriWithVersion
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
