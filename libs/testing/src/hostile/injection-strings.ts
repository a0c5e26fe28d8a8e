/**
 * Strings that break software which builds SQL, HTML, templates, log lines or file names by concatenation. A
 * free-text field must either refuse them with a coded 400 or keep them verbatim and return them as JSON data.
 */
export interface InjectionString {
  name: string;
  value: string;
}

export const INJECTION_STRINGS: readonly InjectionString[] = [
  { name: 'SQL tautology', value: "' OR 1=1 --" },
  { name: 'SQL drop table', value: "'); DROP TABLE sales_order; --" },
  { name: 'HTML script', value: '<script>alert(1)</script>' },
  { name: 'template expression', value: '{{7*7}}' },
  { name: 'JNDI lookup', value: '${jndi:ldap://x}' },
  { name: 'NUL byte', value: 'before\u0000after' },
  { name: '10k characters', value: 'x'.repeat(10_000) },
  { name: 'unicode RTL override', value: 'invoice\u202Efdp.exe' },
  { name: 'CRLF header injection', value: 'line\r\nBcc: victim@example.com' },
];

/** Names that try to leave the folder they are written to. */
export const TRAVERSAL_NAMES: readonly string[] = [
  '../../evil.pdf',
  '..\\..\\evil.pdf',
  '/etc/passwd',
  '....//....//evil.pdf',
  '%2e%2e%2fevil.pdf',
];
