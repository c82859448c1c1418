/**
 * Every action the AWS KMS API has, written by hand from the KMS API reference
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html),
 * so tests can tell a real action from a misspelt one. Test-only.
 */
import { asList } from './documents';

const KMS_API_ACTIONS: ReadonlySet<string> = new Set(
  [
    'CancelKeyDeletion',
    'ConnectCustomKeyStore',
    'CreateAlias',
    'CreateCustomKeyStore',
    'CreateGrant',
    'CreateKey',
    'Decrypt',
    'DeleteAlias',
    'DeleteCustomKeyStore',
    'DeleteImportedKeyMaterial',
    'DeriveSharedSecret',
    'DescribeCustomKeyStores',
    'DescribeKey',
    'DisableKey',
    'DisableKeyRotation',
    'DisconnectCustomKeyStore',
    'EnableKey',
    'EnableKeyRotation',
    'Encrypt',
    'GenerateDataKey',
    'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext',
    'GenerateDataKeyWithoutPlaintext',
    'GenerateMac',
    'GenerateRandom',
    'GetKeyPolicy',
    'GetKeyRotationStatus',
    'GetParametersForImport',
    'GetPublicKey',
    'ImportKeyMaterial',
    'ListAliases',
    'ListGrants',
    'ListKeyPolicies',
    'ListKeyRotations',
    'ListKeys',
    'ListResourceTags',
    'ListRetirableGrants',
    'PutKeyPolicy',
    'ReEncryptFrom',
    'ReEncryptTo',
    'ReplicateKey',
    'RetireGrant',
    'RevokeGrant',
    'RotateKeyOnDemand',
    'ScheduleKeyDeletion',
    'Sign',
    'SynchronizeMultiRegionKey',
    'TagResource',
    'UntagResource',
    'UpdateAlias',
    'UpdateCustomKeyStore',
    'UpdateKeyDescription',
    'UpdatePrimaryRegion',
    'Verify',
    'VerifyMac',
  ].map((name) => `kms:${name}`),
);

/** The KMS actions of a policy's statements that the KMS API does not have. */
export function unknownKmsActions(statements: readonly { Action?: string | string[] }[]): string[] {
  return statements
    .flatMap((statement) => asList(statement.Action))
    .filter((action) => action.startsWith('kms:') && action !== 'kms:*')
    .filter((action) => !KMS_API_ACTIONS.has(action));
}
