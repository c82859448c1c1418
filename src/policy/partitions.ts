/** The AWS partitions Amazon Personalize runs in (not AWS GovCloud). */
export const PARTITIONS = ['aws', 'aws-cn'] as const;
export type Partition = (typeof PARTITIONS)[number];

export function isPartition(name: string): name is Partition {
  return (PARTITIONS as readonly string[]).includes(name);
}

/**
 * Where Amazon Personalize runs.
 * Source: https://docs.aws.amazon.com/general/latest/gr/personalize.html
 */
export const PERSONALIZE_REGIONS = {
  aws: [
    'us-east-1',
    'us-east-2',
    'us-west-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ca-central-1',
    'eu-central-1',
    'eu-west-1',
  ],
  'aws-cn': ['cn-north-1'],
} as const satisfies Record<Partition, readonly string[]>;

/**
 * Every AWS partition, with the region names that belong to it, matched on the
 * region's prefix the way the AWS SDKs do (their partitions.json
 * "regionRegex"). More specific prefixes come first: us-gov- and us-iso are
 * not the commercial us-.
 * Sources: https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 * and https://github.com/aws/aws-sdk-js-v3/blob/main/packages/util-endpoints/src/lib/aws/partitions.json
 */
const REGION_PARTITIONS = [
  { partition: 'aws-us-gov', name: 'AWS GovCloud (US)', regions: /^us-gov-\w+-\d+$/ },
  { partition: 'aws-iso', name: 'AWS ISO (US)', regions: /^us-iso-\w+-\d+$/ },
  { partition: 'aws-iso-b', name: 'AWS ISOB (US)', regions: /^us-isob-\w+-\d+$/ },
  { partition: 'aws-iso-e', name: 'AWS ISOE (Europe)', regions: /^eu-isoe-\w+-\d+$/ },
  { partition: 'aws-iso-f', name: 'AWS ISOF (US)', regions: /^us-isof-\w+-\d+$/ },
  { partition: 'aws-eusc', name: 'AWS European Sovereign Cloud', regions: /^eusc-de-\w+-\d+$/ },
  { partition: 'aws-cn', name: 'AWS China', regions: /^cn-\w+-\d+$/ },
  { partition: 'aws', name: 'AWS commercial', regions: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/ },
] as const;

/** The partition a region belongs to, from its name; `undefined` for a name no partition has. */
export function partitionOfRegion(region: string): (typeof REGION_PARTITIONS)[number] | undefined {
  return REGION_PARTITIONS.find((entry) => entry.regions.test(region));
}

/** How the wizard names each partition. */
export const PARTITION_LABELS: Readonly<Record<Partition, string>> = {
  aws: 'aws (commercial regions)',
  'aws-cn': `aws-cn (China, ${PERSONALIZE_REGIONS['aws-cn'].join(', ')})`,
};

/** What to know about where Personalize runs, when no partition note applies. */
export const WHERE_PERSONALIZE_RUNS = `Personalize runs in the ${PARTITIONS.join(' and ')} partitions, not in AWS GovCloud.`;

/** Personalize's service principal, the same name in both partitions. */
export const SERVICE_PRINCIPAL = 'personalize.amazonaws.com';

/**
 * AWS's China documentation shows the same service principal, but no AWS page
 * confirms it for aws-cn key policies; the UI must say so.
 */
export const PARTITION_NOTES: Readonly<Partial<Record<Partition, string>>> = {
  'aws-cn': `In the aws-cn partition the service principal is shown as ${SERVICE_PRINCIPAL}, as in AWS’s China documentation; AWS does not confirm it for key policies, so test the policy before relying on it.`,
};
