/**
 * Inputs built in the shapes the tools write, for the identity cases the real corpus lacks:
 * SARIF results with each suppression status (SARIF 2.1.0 §3.27.23, §3.35.3, laid out as
 * Microsoft's suppression sample for its SARIF viewer), Nmap's vulners output for one OpenSSH
 * service with exploit references (element order and attributes as vulners.nse's @xmloutput),
 * and ZAP reports derived from a real one.
 */

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Each case: the suppressions written on the result, and whether SARIF hides the result. */
export const SARIF_SUPPRESSION_CASES: readonly {
  label: string;
  suppressions?: readonly { kind: string; status?: string }[];
  hidden: boolean;
}[] = [
  { label: 'no suppression information', hidden: false },
  { label: 'an empty suppressions array', suppressions: [], hidden: false },
  { label: 'in source, no status', suppressions: [{ kind: 'inSource' }], hidden: true },
  {
    label: 'accepted',
    suppressions: [{ kind: 'external', status: 'accepted' }],
    hidden: true,
  },
  {
    label: 'under review',
    suppressions: [{ kind: 'external', status: 'underReview' }],
    hidden: false,
  },
  {
    label: 'rejected',
    suppressions: [{ kind: 'external', status: 'rejected' }],
    hidden: false,
  },
  {
    label: 'one accepted, one rejected',
    suppressions: [
      { kind: 'external', status: 'accepted' },
      { kind: 'external', status: 'rejected' },
    ],
    hidden: true,
  },
  {
    label: 'under review and rejected',
    suppressions: [
      { kind: 'external', status: 'underReview' },
      { kind: 'external', status: 'rejected' },
    ],
    hidden: false,
  },
];

export function sarifWithSuppressions(): Uint8Array {
  return encode(
    JSON.stringify({
      version: '2.1.0',
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [
        {
          tool: { driver: { name: 'Semgrep', rules: [{ id: 'sql-injection' }] } },
          results: SARIF_SUPPRESSION_CASES.map((entry, index) => ({
            ruleId: 'sql-injection',
            level: 'error',
            message: { text: entry.label },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/db.ts' },
                  region: { startLine: 10 + index },
                },
              },
            ],
            ...(entry.suppressions ? { suppressions: entry.suppressions } : {}),
          })),
        },
      ],
    }),
  );
}

/** One vulners entry: the CVE or exploit id, its type and CVSS score. */
export interface VulnersRow {
  id: string;
  type: string;
  cvss: string;
}

export const OPENSSH_CVES: readonly VulnersRow[] = [
  ['CVE-2023-38408', '9.8'],
  ['CVE-2016-1908', '9.8'],
  ['CVE-2020-15778', '7.8'],
  ['CVE-2021-41617', '7.0'],
  ['CVE-2019-6110', '6.8'],
  ['CVE-2018-15919', '5.3'],
  ['CVE-2017-15906', '5.0'],
  ['CVE-2016-20012', '4.3'],
  ['CVE-2021-36368', '3.7'],
].map(([id, cvss]) => ({ id: id!, type: 'cve', cvss: cvss! }));

const EXPLOIT_TYPES = ['metasploit', 'exploitdb', 'packetstorm', 'githubexploit'] as const;

/** Exploit references scored like the CVE they exploit, as vulners scores them. */
export function exploitsFor(cves: readonly VulnersRow[], perCve: number): VulnersRow[] {
  return cves.flatMap((cve, index) =>
    Array.from({ length: perCve }, (_, n) => {
      const type = EXPLOIT_TYPES[n % EXPLOIT_TYPES.length]!;
      const prefix = { metasploit: 'MSF:', exploitdb: 'EDB-ID:', packetstorm: 'PACKETSTORM:' };
      const id =
        type === 'githubexploit'
          ? `0000${index}${n}AA-5B6C-5D7E-8F90-${String(index * 10 + n).padStart(12, '0')}`
          : `${prefix[type]}${40000 + index * 10 + n}`;
      return { id, type, cvss: cve.cvss };
    }),
  );
}

/** Nmap -oX output of one OpenSSH port whose vulners script lists `rows`, highest score first. */
export function nmapVulners(rows: readonly VulnersRow[], port = 22): Uint8Array {
  const sorted = [...rows].sort(
    (a, b) => Number(b.cvss) - Number(a.cvss) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const tables = sorted
    .map(
      (row) =>
        `<table>\n<elem key="id">${row.id}</elem>\n<elem key="type">${row.type}</elem>\n<elem key="is_exploit">${row.type === 'cve' ? 'false' : 'true'}</elem>\n<elem key="cvss">${row.cvss}</elem>\n</table>`,
    )
    .join('\n');
  return encode(`<?xml version="1.0" encoding="UTF-8"?>
<nmaprun scanner="nmap" args="nmap -sV --script vulners -p${port} -oX - 192.0.2.10" start="1764240000" version="7.93" xmloutputversion="1.05">
<host><status state="up" reason="syn-ack"/>
<address addr="192.0.2.10" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="${port}"><state state="open" reason="syn-ack"/><service name="ssh" product="OpenSSH" version="7.4" extrainfo="protocol 2.0" method="probed" conf="10"><cpe>cpe:/a:openbsd:openssh:7.4</cpe></service><script id="vulners" output="cpe:/a:openbsd:openssh:7.4">
<table key="cpe:/a:openbsd:openssh:7.4">
${tables}
</table>
</script></port>
</ports>
</host>
<runstats><finished time="1764240012" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
</nmaprun>
`);
}

interface ZapReport {
  site: { alerts: { name?: string; alert?: string }[] }[];
}

/** A ZAP JSON report without the alerts named `name` (the scan before it appeared). */
export function zapWithout(report: Uint8Array, name: string): Uint8Array {
  const parsed = JSON.parse(new TextDecoder().decode(report)) as ZapReport;
  for (const site of parsed.site)
    site.alerts = site.alerts.filter((alert) => (alert.name ?? alert.alert) !== name);
  return encode(JSON.stringify(parsed));
}
