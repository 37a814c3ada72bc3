/**
 * A gentle blameless-language hint: finds phrasing that puts the cause on a person rather than
 * on the system and its conditions. It only suggests; the author decides.
 */
export interface BlameHint {
  start: number;
  end: number;
  phrase: string;
  suggestion: string;
}

const SYSTEM_FRAMING =
  'Describe the condition instead: what made this easy to miss, or what would have caught it?';

const ROLES =
  'developer|engineer|dev|intern|admin|administrator|operator|tester|reviewer|contractor|new hire|on-call|user';
const PRONOUNS = 'he|she|him|her';
const HUMAN_VERBS =
  "forgot|forgotten|neglected|ignored|overlooked|didn't bother|did not bother|messed up|screwed up|dropped the ball|was careless|were careless|was lazy|should have known|should've known|should have checked|should've checked|failed to|didn't|did not|missed|broke";
// Words that start sentences or name things, not people, before a capitalised verb phrase.
const NOT_NAMES = new Set([
  'The',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'We',
  'Our',
  'They',
  'Their',
  'A',
  'An',
  'No',
  'Nobody',
  'Everyone',
  'CI',
  'Jenkins',
  'GitHub',
  'GitLab',
  'ZAP',
  'Nmap',
  'Trivy',
  'Grype',
  'Dependabot',
  'Renovate',
  'Terraform',
  'Kubernetes',
  'Docker',
  'Linux',
  'Windows',
  'Jira',
]);

interface Pattern {
  regex: RegExp;
  suggestion: string;
  /** Rejects matches that are not about a person (e.g. "The build forgot"). */
  accept?: (match: RegExpExecArray) => boolean;
}

const PATTERNS: readonly Pattern[] = [
  {
    regex: /\b(?:human|user|operator|operator's|developer|engineer)\s+error\b/gi,
    suggestion:
      '“Human error” ends the inquiry. Which safeguard was missing, so one slip mattered?',
  },
  {
    regex: /\b(?:\w+'s|his|her|their)\s+fault\b/gi,
    suggestion: 'Fault points at a person. Describe what in the system let the problem through.',
  },
  {
    regex:
      /\b(?:blame[sd]?|blaming|culprit|careless(?:ly|ness)?|negligen(?:t|ce)|incompeten(?:t|ce)|sloppy|lazy)\b/gi,
    suggestion: SYSTEM_FRAMING,
  },
  {
    regex: new RegExp(`\\b(?:the|our|a|an)\\s+(?:${ROLES})\\s+(?:${HUMAN_VERBS})\\b`, 'gi'),
    suggestion: SYSTEM_FRAMING,
  },
  {
    regex: new RegExp(`\\b(?:${PRONOUNS})\\s+(?:${HUMAN_VERBS})\\b`, 'gi'),
    suggestion: SYSTEM_FRAMING,
  },
  {
    regex: new RegExp(`\\b([A-Z][a-z]{1,20})\\s+(?:${HUMAN_VERBS})\\b`, 'g'),
    suggestion: 'Naming who slipped invites blame. Say what the process or tooling allowed.',
    accept: (match) => !NOT_NAMES.has(match[1] ?? ''),
  },
];

export function findBlameHints(text: string): BlameHint[] {
  const hints: BlameHint[] = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (let match = pattern.regex.exec(text); match !== null; match = pattern.regex.exec(text)) {
      if (pattern.accept && !pattern.accept(match)) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (hints.some((hint) => start < hint.end && end > hint.start)) continue;
      hints.push({ start, end, phrase: match[0], suggestion: pattern.suggestion });
    }
  }
  return hints.sort((a, b) => a.start - b.start);
}
