/**
 * The hosting configuration the project ships (hosting/nginx.conf, public/_headers,
 * hosting/cloudfront-s3.yaml) sends the header values of hosting/headers.json, and those keep
 * to the page's own Content-Security-Policy. The browser tests (e2e/hosting.spec.ts) check what
 * nginx does with them.
 */
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { describe, expect, it } from 'vitest';

import indexHtml from '../../index.html?raw';
import cloudFormationText from '../../hosting/cloudfront-s3.yaml?raw';
import headersJson from '../../hosting/headers.json?raw';
import nginxConf from '../../hosting/nginx.conf?raw';
import staticHeaders from '../../public/_headers?raw';
import { parseHostingHeaders } from './test-support/hosting-headers';

const HEADERS = parseHostingHeaders(headersJson);
const { hashedAssets: LONG_CACHE, everythingElse: NO_CACHE } = HEADERS.cacheControl;

/** A policy's directives, by name. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

/** The value at a path in parsed YAML or JSON; undefined where the path leads nowhere. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

describe('the hosting headers (hosting/headers.json)', () => {
  const metaPolicy =
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(indexHtml)?.[1] ?? '';
  const headerPolicy = directives(HEADERS.everyResponse['Content-Security-Policy'] ?? '');

  it('forbid framing by any site, which a <meta> policy cannot', () => {
    expect(headerPolicy.get('frame-ancestors')).toBe("'none'");
    expect(HEADERS.everyResponse['X-Frame-Options']).toBe('DENY');
    expect(directives(metaPolicy).has('frame-ancestors')).toBe(false);
  });

  it('hold the same Content-Security-Policy as index.html’s <meta>, directive for directive', () => {
    expect(metaPolicy).not.toBe('');
    const withoutFraming = new Map(headerPolicy);
    withoutFraming.delete('frame-ancestors');
    expect(withoutFraming).toEqual(directives(metaPolicy));
  });

  it('turn off every browser feature the page never uses and keep clipboard writes for Copy', () => {
    const features = new Map(
      (HEADERS.everyResponse['Permissions-Policy'] ?? '').split(/,\s*/).map((item) => {
        const [feature = '', allowlist = ''] = item.split('=');
        return [feature, allowlist] as const;
      }),
    );
    expect(features.get('clipboard-write')).toBe('(self)');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'clipboard-read']) {
      expect(features.get(feature), feature).toBe('()');
    }
    const allowed = [...features].filter(([, allowlist]) => allowlist !== '()');
    expect(allowed).toEqual([['clipboard-write', '(self)']]);
  });

  it('keep hashed assets for a year and have everything else revalidated', () => {
    expect(LONG_CACHE).toBe('public, max-age=31536000, immutable');
    expect(NO_CACHE).toBe('no-cache');
  });
});

describe('hosting/nginx.conf', () => {
  const addHeaders = [...nginxConf.matchAll(/^add_header\s+(\S+)\s+("[^"]*"|\S+)(\s+always)?;$/gm)];

  it('adds each header of headers.json, with its value, to every response (errors too)', () => {
    const always = addHeaders
      .filter((match) => match[3] !== undefined)
      .map((match) => [match[1], match[2]?.replace(/^"|"$/g, '')]);
    expect(Object.fromEntries(always)).toEqual(HEADERS.everyResponse);
  });

  it('sets Cache-Control on successful responses only: a missing chunk’s 404 is not kept', () => {
    const cacheControl = addHeaders.filter((match) => match[1] === 'Cache-Control');
    expect(cacheControl.map((match) => [match[2], match[3]])).toEqual([
      ['$wizard_cache_control', undefined],
    ]);
  });

  it('caches the assets folder for a year and the page and other files no longer than a check', () => {
    const locations = [...nginxConf.matchAll(/^location\s+~\s+(\S+)\s*\{([^}]*)\}/gm)].map(
      (match) => ({ pattern: match[1] ?? '', body: match[2] ?? '' }),
    );
    const cacheSet = (text: string) =>
      [...text.matchAll(/set \$wizard_cache_control "([^"]*)";/g)].map((match) => match[1]);
    const outside = nginxConf.replace(/^location[^{]*\{[^}]*\}/gm, '');
    expect(cacheSet(outside)).toEqual([NO_CACHE]);
    expect(
      locations.map(({ pattern, body }) => ({
        pattern,
        cache: cacheSet(body),
        // A missing file is a 404 there, never the page.
        fallback: /try_files\s+\$uri\s+=404;/.test(body) ? '404' : 'the page',
      })),
    ).toEqual([
      { pattern: '/assets/[^/]+$', cache: [LONG_CACHE], fallback: '404' },
      { pattern: '/[^/]+\\.[^/]*$', cache: [NO_CACHE], fallback: '404' },
    ]);
  });

  it('compresses text: the page, scripts, JSON and the SVG icon', () => {
    expect(nginxConf).toMatch(/^gzip on;$/m);
    const types = /^gzip_types\s+([^;]+);/m.exec(nginxConf)?.[1]?.split(/\s+/) ?? [];
    expect(types).toEqual(expect.arrayContaining(['application/javascript', 'image/svg+xml']));
  });
});

describe('public/_headers (Netlify, Cloudflare Pages)', () => {
  /** Its rules: a path pattern and its header lines. */
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of staticHeaders.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const [, name = '', value = ''] = /^\s+([^:]+):\s*(.*)$/.exec(line) ?? [];
    rules.at(-1)?.headers.push([name, value]);
  }

  /** What a path gets: Cloudflare Pages joins the values of every rule that matches it. */
  function headersFor(path: string): Record<string, string> {
    const merged: Record<string, string> = {};
    for (const rule of rules.filter(({ pattern }) => pattern.test(path))) {
      for (const [name, value] of rule.headers) {
        merged[name] = name in merged ? `${merged[name] ?? ''}, ${value}` : value;
      }
    }
    return merged;
  }

  // Every file Vite copies from public/ into the build, besides this one.
  const publicFiles = Object.keys(import.meta.glob('../../public/*'))
    .map((file) => `/${file.split('/').at(-1) ?? ''}`)
    .filter((file) => file !== '/_headers');

  it.each([
    ['/', NO_CACHE],
    ['/index.html', NO_CACHE],
    ...publicFiles.map((file) => [file, NO_CACHE]),
    ['/assets/index-DiwFWOvz.js', LONG_CACHE],
    ['/assets/ReviewStep-CgoQ2-Rf.js', LONG_CACHE],
  ])('gives %s each header once, and Cache-Control: %s', (path, cacheControl) => {
    expect(headersFor(path)).toEqual({ ...HEADERS.everyResponse, 'Cache-Control': cacheControl });
  });

  it('finds the unhashed files public/ holds, so that the table above checks each', () => {
    expect(publicFiles).toEqual(
      expect.arrayContaining(['/color-scheme.js', '/favicon.svg', '/robots.txt']),
    );
  });
});

/** CloudFormation's short-form functions, as tags the yaml parser knows. */
const CLOUDFORMATION_TAGS = [
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
  'Transform',
].flatMap((name): (ScalarTag | CollectionTag)[] => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    {
      tag: `!${name}`,
      // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"].
      resolve: (value: string) => ({ [key]: name === 'GetAtt' ? value.split('.') : value }),
    },
    {
      tag: `!${name}`,
      collection: 'seq',
      resolve: (value) => ({ [key]: value.toJSON() as unknown }),
    },
    {
      tag: `!${name}`,
      collection: 'map',
      resolve: (value) => ({ [key]: value.toJSON() as unknown }),
    },
  ];
});

describe('hosting/cloudfront-s3.yaml', () => {
  const template = parse(cloudFormationText, { customTags: CLOUDFORMATION_TAGS }) as unknown;
  const resource = (name: string) => at(template, 'Resources', name, 'Properties');
  const distribution = at(resource('Distribution'), 'DistributionConfig');
  const defaultBehaviour = at(distribution, 'DefaultCacheBehavior');
  const behaviours = (at(distribution, 'CacheBehaviors') ?? []) as unknown[];
  const assetsBehaviour = behaviours.find((item) => at(item, 'PathPattern') === 'assets/*');

  /** The headers a response headers policy sends, by name, and whether each overrides. */
  function policyHeaders(reference: unknown): Record<string, string> {
    const name = at(reference, 'Ref');
    expect(typeof name).toBe('string');
    const config = at(resource(String(name)), 'ResponseHeadersPolicyConfig');
    const security = at(config, 'SecurityHeadersConfig');
    const custom = (at(config, 'CustomHeadersConfig', 'Items') ?? []) as unknown[];
    const overrides = [
      at(security, 'ContentSecurityPolicy', 'Override'),
      at(security, 'FrameOptions', 'Override'),
      at(security, 'ContentTypeOptions', 'Override'),
      at(security, 'ReferrerPolicy', 'Override'),
      ...custom.map((item) => at(item, 'Override')),
    ];
    expect(overrides.every((override) => override === true)).toBe(true);
    return {
      'Content-Security-Policy': String(
        at(security, 'ContentSecurityPolicy', 'ContentSecurityPolicy'),
      ),
      'X-Frame-Options': String(at(security, 'FrameOptions', 'FrameOption')),
      // ContentTypeOptions has no value: CloudFront sends nosniff.
      ...(at(security, 'ContentTypeOptions') === undefined
        ? {}
        : { 'X-Content-Type-Options': 'nosniff' }),
      'Referrer-Policy': String(at(security, 'ReferrerPolicy', 'ReferrerPolicy')),
      ...Object.fromEntries(
        custom.map((item) => [String(at(item, 'Header')), String(at(item, 'Value'))]),
      ),
    };
  }

  it('parses as YAML with CloudFormation’s tags, into a template', () => {
    expect(at(template, 'AWSTemplateFormatVersion')).toBe('2010-09-09');
    expect(at(template, 'Resources', 'SiteOriginAccessControl', 'Type')).toBe(
      'AWS::CloudFront::OriginAccessControl',
    );
  });

  it.each([
    ['the page (default behaviour)', NO_CACHE, () => defaultBehaviour],
    ['hashed assets (assets/*)', LONG_CACHE, () => assetsBehaviour],
  ])('sends headers.json’s headers on %s, with Cache-Control: %s', (_, cache, behaviour) => {
    expect(policyHeaders(at(behaviour(), 'ResponseHeadersPolicyId'))).toEqual({
      ...HEADERS.everyResponse,
      'Cache-Control': cache,
    });
  });

  it('keeps the bucket private, readable by this distribution only, through origin access control', () => {
    const bucket = resource('SiteBucket');
    expect(at(bucket, 'PublicAccessBlockConfiguration')).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(at(bucket, 'OwnershipControls', 'Rules')).toEqual([
      { ObjectOwnership: 'BucketOwnerEnforced' },
    ]);
    const statements = at(resource('SiteBucketPolicy'), 'PolicyDocument', 'Statement');
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Sub':
                'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}',
            },
          },
        },
      }),
    ]);
    const origins = at(distribution, 'Origins');
    expect(origins).toEqual([
      expect.objectContaining({
        OriginAccessControlId: { 'Fn::GetAtt': ['SiteOriginAccessControl', 'Id'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
      }),
    ]);
    const types = Object.values(at(template, 'Resources') ?? {}).map((item) => at(item, 'Type'));
    expect(types).not.toContain('AWS::CloudFront::CloudFrontOriginAccessIdentity');
  });

  it('serves HTTPS only, with TLS 1.2 or later on an own domain', () => {
    for (const behaviour of [defaultBehaviour, ...behaviours]) {
      expect(at(behaviour, 'ViewerProtocolPolicy')).toBe('redirect-to-https');
    }
    const [, ownCertificate] = (at(distribution, 'ViewerCertificate', 'Fn::If') ?? []) as unknown[];
    expect(at(ownCertificate, 'MinimumProtocolVersion')).toBe('TLSv1.2_2021');
    expect(at(ownCertificate, 'SslSupportMethod')).toBe('sni-only');
  });

  it('keeps hashed assets a year at the edge and revalidates the page', () => {
    const ttls = (behaviour: unknown) => {
      const name = String(at(behaviour, 'CachePolicyId', 'Ref'));
      const config = at(resource(name), 'CachePolicyConfig');
      return [at(config, 'MinTTL'), at(config, 'DefaultTTL')];
    };
    expect(ttls(assetsBehaviour)).toEqual([86400, 31536000]);
    expect(ttls(defaultBehaviour)).toEqual([0, 0]);
  });

  describe('the page fallback', () => {
    const code = String(at(resource('PageFallbackFunction'), 'FunctionCode'));
    type Handler = (event: { request: { uri: string } }) => { uri: string };
    // Runs the function's code as CloudFront does: a script that defines handler().
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code is the template’s own
    const handler = (new Function(`${code}\nreturn handler;`) as () => Handler)();

    it.each([
      ['/', '/index.html'],
      ['/review', '/index.html'],
      ['/some/old/path', '/index.html'],
      ['/index.html', '/index.html'],
      ['/color-scheme.js', '/color-scheme.js'],
      ['/favicon.svg', '/favicon.svg'],
      ['/missing.txt', '/missing.txt'],
    ])('asks the bucket for %s as %s', (uri, asked) => {
      expect(handler({ request: { uri } }).uri).toBe(asked);
    });

    it('runs for the page only, so a missing chunk under assets/ stays a 404', () => {
      expect(at(defaultBehaviour, 'FunctionAssociations', 0, 'EventType')).toBe('viewer-request');
      expect(at(assetsBehaviour, 'FunctionAssociations')).toBeUndefined();
      // Error responses apply to every path: none of them may answer with the page.
      const errors = (at(distribution, 'CustomErrorResponses') ?? []) as unknown[];
      expect(errors.map((item) => at(item, 'ResponsePagePath'))).toEqual(
        errors.map(() => undefined),
      );
      expect(at(distribution, 'DefaultRootObject')).toBe('index.html');
    });
  });

  it('outputs the bucket to upload to and the address to open', () => {
    expect(at(template, 'Outputs', 'BucketName', 'Value')).toEqual({ Ref: 'SiteBucket' });
    expect(at(template, 'Outputs', 'DistributionDomainName', 'Value')).toEqual({
      'Fn::GetAtt': ['Distribution', 'DomainName'],
    });
  });
});
