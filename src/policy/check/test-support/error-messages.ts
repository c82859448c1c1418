/**
 * Error messages as people paste them (the AWS CLI's prefix, SDK and console wrappings, request
 * IDs, line breaks), each with where its wording was seen and the catalogue entries it must match.
 * The ARNs, names and request IDs are AWS's documentation examples. Test-only.
 */
import type { ErrorId } from '../errors';

export interface SampleMessage {
  text: string;
  /** Where this wording was seen. */
  seen: string;
  /** Every catalogue entry it matches, and no other. */
  matches: readonly ErrorId[];
}

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::111122223333:role/service-role/PersonalizeRole';
const SESSION = 'arn:aws:sts::111122223333:assumed-role/PersonalizeRole/PersonalizeSession';

const CIPHERTEXT =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';

export const SAMPLE_MESSAGES: readonly SampleMessage[] = [
  {
    text: 'Failed to create a data import job for Interactions dataset. Insufficient privileges for accessing data in Amazon S3. Please look up the documentation for setting up dataset import job permissions.',
    seen: 'Personalize guide, Common error messages (docs.aws.amazon.com/personalize/latest/dg/error-messages.html)',
    matches: ['personalize-s3-insufficient-privileges'],
  },
  {
    text: `{
    "datasetImportJob": {
        "jobName": "interactions-import",
        "datasetImportJobArn": "arn:aws:personalize:us-east-1:111122223333:dataset-import-job/interactions-import",
        "status": "CREATE FAILED",
        "failureReason": "Insufficient privileges for accessing data in S3"
    }
}`,
    seen: 'aws personalize describe-dataset-import-job output; the failure reason as mshakhomirov/persoanlize_ops lp3_notes.md FAQ 4 quotes it',
    matches: ['personalize-s3-insufficient-privileges'],
  },
  {
    text: 'Batch inference job failed\nInsufficient privileges for accessing data in S3.\nCheck the permissions of s3://amzn-s3-demo-bucket/batch/output/',
    seen: 'console banner of a failed batch inference job (awsdocs/amazon-personalize-developer-guide issue #3: PutObject for batch output)',
    matches: ['personalize-s3-insufficient-privileges'],
  },
  {
    text: 'An error occurred (AccessDeniedException) when calling the CreateDatasetGroup operation: Cross-account pass role is not allowed.',
    seen: 'aws-samples/amazon-personalize-samples Best_Clientside_Security_Practices.ipynb (PR #70)',
    matches: ['personalize-cross-account-pass-role'],
  },
  {
    text: 'AccessDeniedException: Cross-account pass role is not allowed.\n    at Request.extractError (/home/runner/work/_actions/dist/index.js:23887:27)\n    at Request.callListeners (/home/runner/work/_actions/dist/index.js:26184:20)',
    seen: 'webfactory/create-aws-codedeploy-deployment issue #11 (the JavaScript SDK’s stack trace)',
    matches: ['personalize-cross-account-pass-role'],
  },
  {
    text: `An error occurred (AccessDeniedException) when calling the CreateDatasetImportJob operation: User: arn:aws:iam::111122223333:user/Bob is not authorized to perform: iam:PassRole on resource: ${ROLE}`,
    seen: 're:Post knowledge-center/iam-passrole-error (“User: …/Bob is not authorized to perform: iam:PassRole”), with the CLI’s prefix',
    matches: ['iam-pass-role-denied'],
  },
  {
    text: `You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/DataTeam/jane is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/PersonalizeRole because no identity-based policy allows the iam:PassRole action`,
    seen: 'Personalize console banner; IAM’s enhanced message (“because no identity-based policy allows”) as the IAM troubleshooting pages show it',
    matches: ['iam-pass-role-denied'],
  },
  {
    text: `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
    seen: 're:Post knowledge-center/iam-assume-role-error',
    matches: ['sts-assume-role-denied'],
  },
  {
    text: 'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: The role cannot be assumed by Amazon Personalize. Check the role’s trust policy.',
    seen: 'the symptom as the Check step’s brief words it (“role cannot be assumed”); no AWS page shows Personalize’s exact text',
    matches: ['sts-assume-role-denied'],
  },
  {
    text: `An error occurred (AccessDeniedException) when calling the Decrypt operation: User: ${SESSION} is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because no identity-based policy allows the kms:Decrypt action`,
    seen: 'IAM Identity Center guide, Troubleshoot customer managed keys (“… is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because no identity-based policy allows the kms:Decrypt action”)',
    matches: ['kms-decrypt-denied'],
  },
  {
    text: `com.amazonaws.services.s3.model.AmazonS3Exception: User: ${SESSION} is not authorized to perform: kms:Decrypt on resource: ${KEY} because no resource-based policy allows the kms:Decrypt action`,
    seen: 'data-dot-all/dataall issue #1210 (S3 passing on KMS’s denial, through the Java SDK)',
    matches: ['kms-decrypt-denied'],
  },
  {
    text: `An error occurred (AccessDeniedException) when calling the GenerateDataKey operation:\nUser: ${SESSION}\nis not authorized to perform: kms:GenerateDataKey\non resource: ${KEY}\nbecause no resource-based policy allows the kms:GenerateDataKey action`,
    seen: 'the same KMS message with line breaks as a log viewer wraps it (stackengine.dev, “Fixing cross-region AssumeRole AccessDenied caused by a KMS key region mismatch”)',
    matches: ['kms-generate-data-key-denied'],
  },
  {
    text: `An error occurred (AccessDeniedException) when calling the CreateGrant operation: User: ${ROLE} is not authorized to perform: kms:CreateGrant on resource: ${KEY}`,
    seen: 'linden.consulting, “KMS AccessDeniedException: fixing key policy and grant misconfigurations”',
    matches: ['kms-create-grant-denied'],
  },
  {
    text: `An error occurred (AccessDeniedException) when calling the DescribeKey operation: User: arn:aws:iam::111122223333:user/admin is not authorized to perform: kms:DescribeKey on resource: ${KEY} because no resource-based policy allows the kms:DescribeKey action`,
    seen: 'AWS CLI, the KMS form of IAM’s enhanced message (IAM Identity Center guide shows it for kms:Decrypt)',
    matches: ['kms-describe-key-denied'],
  },
  {
    text: `An error occurred (AccessDeniedException) when calling the ListGrants operation: User: ${SESSION} is not authorized to perform: kms:ListGrants on resource: ${KEY} because no identity-based policy allows the kms:ListGrants action`,
    seen: 'AWS CLI, the same KMS message for kms:ListGrants',
    matches: ['kms-list-grants-denied'],
  },
  {
    text: `An error occurred (AccessDenied) when calling the GetObject operation: ${CIPHERTEXT}`,
    seen: 're:Post knowledge-center/s3-download-object-ciphertext-error',
    matches: ['kms-ciphertext-key-unavailable', 's3-read-denied'],
  },
  {
    text: `com.amazonaws.services.kms.model.AWSKMSException: ${CIPHERTEXT} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: 3f0f0a0c-8c2d-4d3e-9c3f-0a1b2c3d4e5f)`,
    seen: 'aws/amazon-genomics-cli issue #545 (Java SDK wrapping)',
    matches: ['kms-ciphertext-key-unavailable'],
  },
  {
    text: "An error occurred (NotFoundException) when calling the DescribeKey operation: Key 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist",
    seen: 'AWS CLI, describe-key for a key ARN of another region than the one asked (KMS API reference, DescribeKey: NotFoundException)',
    matches: ['kms-key-not-found'],
  },
  {
    text: `An error occurred (DisabledException) when calling the Decrypt operation: ${KEY} is disabled.`,
    seen: 'KMS guide, Key states (“DisabledException: <key ARN> is disabled.”)',
    matches: ['kms-key-disabled'],
  },
  {
    text: `An error occurred (KMSInvalidStateException) when calling the GenerateDataKey operation: ${KEY} is pending deletion.`,
    seen: 'KMS guide, Key states (“KMSInvalidStateException: <key ARN> is pending deletion.”)',
    matches: ['kms-key-pending-deletion'],
  },
  {
    text: `DisabledException: ${KEY} is pending deletion.`,
    seen: 'KMS guide, Key states (“DisabledException: <key ARN> is pending deletion.”)',
    matches: ['kms-key-pending-deletion'],
  },
  {
    text: 'An error occurred (KMSInvalidStateException) when calling the Decrypt operation: request was rejected because the key state is PendingDeletion',
    seen: 'errorcanon.top aws/kms-key-deleted-or-disabled',
    matches: ['kms-key-pending-deletion'],
  },
  {
    text: 'PutKeyPolicy request failed\nMalformedPolicyDocumentException - Policy contains a statement with one or more invalid principals.',
    seen: 're:Post knowledge-center/kms-policy-error-invalid-principals (the KMS console’s banner)',
    matches: ['kms-invalid-principals'],
  },
  {
    text: 'An error occurred (MalformedPolicyDocumentException) when calling the PutKeyPolicy operation: Policy contains a statement with one or more invalid principals.',
    seen: 'awslabs/minimum-viable-dataspace-on-aws issue #6 (the AWS CLI)',
    matches: ['kms-invalid-principals'],
  },
  {
    text: '│ Error: creating KMS Key: operation error KMS: CreateKey, https response error StatusCode: 400, RequestID: c741a78f-b18f-45e6-a5d1-7dc7db87d73e, MalformedPolicyDocumentException: Policy contains a statement with one or more invalid principals.\n│\n│   with module.ebs_kms_key.aws_kms_key.this[0],',
    seen: 'awslabs/minimum-viable-dataspace-on-aws issue #6 (Terraform, the Go SDK’s wrapping)',
    matches: ['kms-invalid-principals'],
  },
  {
    text: 'PutKeyPolicy request failed\nMalformedPolicyDocumentException - The new key policy will not allow you to update the key policy in the future.',
    seen: 'dev.classmethod.jp, “KMS で「The new key policy will not allow you to update the key policy in the future」になったときの対処方法” (the KMS console’s banner)',
    matches: ['kms-policy-lockout'],
  },
  {
    text: `Error: Failed to attach policy to KMS key ${KEY} : An error occurred (MalformedPolicyDocumentException) when calling the PutKeyPolicy operation: The new key policy will not allow you to update the key policy in the future.`,
    seen: 'data-dot-all/dataall issue #956',
    matches: ['kms-policy-lockout'],
  },
  {
    text: 'An error occurred (MalformedPolicy) when calling the PutBucketPolicy operation: Invalid principal in policy',
    seen: 're:Post knowledge-center/s3-invalid-principal-in-policy-error; blagblogblag.com 2021-07-14 (boto’s ClientError)',
    matches: ['policy-invalid-principal'],
  },
  {
    text: `An error occurred (MalformedPolicyDocument) when calling the UpdateAssumeRolePolicy operation: Invalid principal in policy: "AWS":"${ROLE}"`,
    seen: 'AWS CLI, update-assume-role-policy naming a role that does not exist',
    matches: ['policy-invalid-principal'],
  },
  {
    text: `An error occurred (AccessDenied) when calling the GetObject operation: User: ${SESSION} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket/data/interactions.csv" because no resource-based policy allows the s3:GetObject action`,
    seen: 'S3 guide, Troubleshoot access denied (403 Forbidden) errors (“User user-arn is not authorized to perform action on "resource-arn" because context”)',
    matches: ['s3-read-denied'],
  },
  {
    text: 'An error occurred (AccessDenied) when calling the ListObjectsV2 operation: Access Denied',
    seen: 'aws s3 ls on a bucket whose policy leaves the caller out (S3 guide, Troubleshoot access denied)',
    matches: ['s3-read-denied'],
  },
  {
    text: 'upload failed: ./scores.json to s3://amzn-s3-demo-bucket/export/scores.json An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    seen: 'aws/aws-cli issue #813 (“Put - Access Denied with s3:PutObject policy”)',
    matches: ['s3-write-denied'],
  },
  {
    text: `An error occurred (AccessDenied) when calling the PutObject operation: User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket/batch/output/part-0.json.out" with an explicit deny in a resource-based policy`,
    seen: 'S3 guide, Troubleshoot access denied (the explicit-deny form)',
    matches: ['s3-write-denied'],
  },
  {
    text: 'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 4442587FB7D0A2F9; S3 Extended Request ID: vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=)',
    seen: 'nimran/amazon-s3-integration-in-android issue #1 (the Java SDK)',
    matches: ['s3-access-denied'],
  },
  {
    text: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>656c76696e6727732072657175657374</RequestId><HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>',
    seen: 'S3 REST error response (S3 API reference, Error responses)',
    matches: ['s3-access-denied'],
  },
  {
    text: 'Access Denied (Service: S3, Status Code: 403, Request ID: 4442587FB7D0A2F9)',
    seen: 'AWS SDK for Java 2.x S3Exception',
    matches: ['s3-access-denied'],
  },
  // Messages of the same services that are not these setups' problems: nothing may match them.
  {
    text: 'An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.',
    seen: 'Personalize guide, Common error messages',
    matches: [],
  },
  {
    text: 'Invalid Data location.',
    seen: 'Personalize guide, Common error messages',
    matches: [],
  },
  {
    text: 'User: arn:aws:iam::123456789012:user/mateojackson is not authorized to perform: personalize:DescribeDatasetGroup on resource: my-example-widget',
    seen: 'the IAM troubleshooting example every service guide shows, for Personalize',
    matches: [],
  },
  {
    text: 'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    seen: 'AWS CLI with expired credentials',
    matches: [],
  },
  {
    text: `An error occurred (KMSInvalidStateException) when calling the Decrypt operation: ${KEY} is pending import.`,
    seen: 'KMS guide, Key states (“KMSInvalidStateException: <key ARN> is pending import.”)',
    matches: [],
  },
  {
    text: 'Calling the invoke API action failed with this message: Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function’s AWS KMS key settings. KMS Exception: UnrecognizedClientExceptionKMS Message: The security token included in the request is invalid.',
    seen: 're:Post knowledge-center/lambda-kmsaccessdeniedexception-errors',
    matches: [],
  },
  {
    text: 'An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name PersonalizeRole cannot be found.',
    seen: 'AWS CLI, get-role for a role that does not exist',
    matches: [],
  },
  {
    text: 'The request signature we calculated does not match the signature you provided. Check your key and signing method. (Service: Amazon S3; Status Code: 403; Error Code: SignatureDoesNotMatch; Request ID: 4442587FB7D0A2F9)',
    seen: 'the Java SDK with a wrong secret key (a 403 that is not a policy’s)',
    matches: [],
  },
  {
    text: 'Bucket versioning is disabled. Server access logging is disabled for amzn-s3-demo-bucket.',
    seen: 'S3 console, bucket properties',
    matches: [],
  },
];
