// Key Vault (Azure RBAC, no access policies) holding the app's SecretKey. The app setting refers to the secret's
// versionless URI, so a new version reaches the app without a template change (see DEPLOY.md, rotating SecretKey).
@description('Key Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('FunctionsSender SecretKey: Base64 of 32 random bytes (`openssl rand -base64 32`).')
@secure()
@minLength(44)
@maxLength(44)
param secretKey string

@description('Name of the secret that holds SecretKey.')
param secretName string = 'SecretKey'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretName
  properties: {
    value: secretKey
    contentType: 'FunctionsSender SecretKey (Base64 of 32 bytes)'
  }
}

output name string = vault.name
output vaultUri string = vault.properties.vaultUri
@description('Versionless URI: Key Vault references to it follow the newest version.')
output secretUri string = secret.properties.secretUri
@description('URI of the version this deployment wrote; keep it as previousSecretKeyUri when rotating.')
output secretUriWithVersion string = secret.properties.secretUriWithVersion
