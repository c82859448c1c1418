/**
 * Policies a customer's account may already hold, written as AWS's Personalize guide shows
 * them, not as the wizard writes them: what the Check step is given to read.
 */

/** The guide's trust policy for the service role: Personalize may assume it, no conditions. */
export const PLAIN_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};
