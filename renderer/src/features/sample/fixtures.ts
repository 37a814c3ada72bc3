/**
 * The real tool outputs the sample is built from (templates/sample/files, sources in
 * templates/sample/SOURCES.md), served from the app's own origin as files of their own.
 */
const urls = import.meta.glob<string>('../../../../templates/sample/files/*', {
  query: '?url',
  import: 'default',
  eager: true,
});

export const SAMPLE_FILES = {
  sarif: 'eslint-8-sarif-formatter.sarif',
  junit: 'jest-junit-16.xml',
  nmapBefore: 'nmap-localhost-previous.xml',
  nmapAfter: 'nmap-localhost-current.xml',
  trivy: 'trivy-image-debian-all-statuses.json',
  authLog: 'auth.log',
} as const;

export type SampleFileName = (typeof SAMPLE_FILES)[keyof typeof SAMPLE_FILES];

/** One shipped file as a `File`, as if the person had dropped it. */
export async function sampleFile(name: SampleFileName): Promise<File> {
  const url = Object.entries(urls).find(([path]) => path.endsWith(`/${name}`))?.[1];
  if (url === undefined) throw new Error(`The sample file ${name} is missing from this build.`);
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`The sample file ${name} could not be read (${response.status}).`);
  return new File([await response.blob()], name);
}
