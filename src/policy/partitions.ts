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
