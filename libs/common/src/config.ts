import { z } from 'zod';

/**
 * One configuration style for every module: a zod object of environment variables, each field carrying
 * `.meta({ description, example })`, parsed by `parseEnv`. A bad value becomes one ConfigError whose every
 * problem is one line naming the variable, what it should be, and an example; secrets are never echoed.
 */
export interface EnvMeta {
  /** What the value must be, completing "PORT=abc is not …". */
  description: string;
  /** A value that would be accepted, printed as `example: NAME=value`. */
  example: string;
  /** Never echo the value (passwords, keys, URLs with credentials). */
  secret?: boolean;
}

export interface ConfigProblem {
  variable: string;
  message: string;
  example?: string;
}

/** The one error for a configuration the process cannot start with, whichever module found it. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[] | string[]) {
    const list = problems.map((p): ConfigProblem => (typeof p === 'string' ? { variable: p.split(':')[0] ?? '', message: p } : p));
    super(list.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = list;
  }
}

/** One line: `config error: PORT="abc" is not a TCP port (0-65535); example: PORT=3000`. */
export function formatConfigProblem(problem: ConfigProblem): string {
  const example = problem.example === undefined ? '' : `; example: ${problem.variable}=${problem.example}`;
  return `config error: ${problem.message.replace(/\s*\n\s*/g, ' ')}${example}`;
}

/** Shorthand for a field's metadata. */
export function env<T extends z.ZodType>(schema: T, meta: EnvMeta): T {
  return schema.meta({ ...meta }) as T;
}

function metaOf(schema: z.ZodType | undefined): Partial<EnvMeta> {
  // `.optional()` or `.default()` after `env(...)` wraps the field: its metadata is on the inner type.
  for (let s = schema; s; s = (s.def as { innerType?: z.ZodType }).innerType) {
    const meta = s.meta() as Partial<EnvMeta> | undefined;
    if (meta?.description) return meta;
  }
  return {};
}

function show(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** Maps zod's issues to one problem per variable, worded for a person reading a terminal. */
export function configProblems(schema: z.ZodObject, input: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const variable = String(issue.path[0] ?? '');
    if (seen.has(variable)) continue;
    seen.add(variable);
    const meta = metaOf(schema.shape[variable] as z.ZodType | undefined);
    const value = input[variable];
    const named =
      value === undefined
        ? `${variable} is unset, but it must be`
        : meta.secret
          ? `${variable} is not`
          : `${variable}=${show(value)} is not`;
    // Custom checks (refinements, transforms) say precisely what is wrong; zod's generic wording does not.
    const detail = issue.code === 'custom' && issue.message !== 'Invalid input' ? `: ${issue.message}` : '';
    const message = meta.description ? `${named} ${meta.description}${detail}` : `${variable}: ${issue.message}`;
    problems.push({ variable, message, example: meta.example });
  }
  return problems;
}

/**
 * Parses the variables `schema` declares from `source`. Empty strings mean unset (compose passes `VAR=` through).
 * Throws ConfigError.
 */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  source: Readonly<Record<string, string | undefined>> = process.env,
): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ConfigError(configProblems(schema, input, parsed.error.issues));
  return parsed.data;
}

/** Every module's configuration schema, registered when its config file loads: for docs, compose checks and boot. */
const registered = new Map<string, z.ZodObject>();

/** Registers `schema` under `name` and returns a loader for it. */
export function defineConfig<S extends z.ZodObject>(
  name: string,
  schema: S,
): { schema: S; load: (source?: Readonly<Record<string, string | undefined>>) => z.output<S> } {
  registered.set(name, schema);
  return { schema, load: (source = process.env) => parseEnv(schema, source) };
}

/** Every variable some loaded module reads, with its metadata. */
export function configVariables(): Map<string, Partial<EnvMeta> & { module: string }> {
  const out = new Map<string, Partial<EnvMeta> & { module: string }>();
  for (const [module, schema] of registered) {
    for (const [key, field] of Object.entries(schema.shape)) out.set(key, { ...metaOf(field as z.ZodType), module });
  }
  return out;
}

/** Checks every registered module's variables at once, so a process refuses to start before it binds or migrates. */
export function checkAllConfig(source: Readonly<Record<string, string | undefined>> = process.env): void {
  const problems: ConfigProblem[] = [];
  for (const schema of registered.values()) {
    try {
      parseEnv(schema, source);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.filter((p) => !problems.some((q) => q.variable === p.variable)));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
