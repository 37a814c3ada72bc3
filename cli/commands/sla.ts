import { computeDueAt, riskExpiryInstant } from '../../core/issues/sla';
import { Priority, SlaPolicyFields, defaultSlaPolicy } from '../../core/model';
import { formatZoned } from '../../core/time/zoned';
import type { CliCommand } from '../command';
import { parseCliArgs } from '../args';
import { EXIT, UsageError } from '../command';

const USAGE = `Usage: demo-ledger sla --priority P1|P2|P3|P4 [--raised ISO-INSTANT] [options]

When a security issue raised at --raised (default: now) is due under an SLA policy.

Options:
  --tz ZONE            IANA time zone of the policy (default: this computer's)
  --working-days LIST  ISO weekdays, 1 = Monday (default: 1,2,3,4,5)
  --end HH:MM          end of the working day (default: 17:00)
  --p1-hours N         P1 window in elapsed hours (default: 24)
  --p3-days N          P3 window in calendar days (default: 30)
  --p4-days N          P4 window in calendar days (default: 90)
  --holiday DATE       a day that is not a working day (repeatable)
  --risk-expires DATE  also print when a risk acceptance through DATE runs out
  --json               print JSON: {priority, raisedAt, dueAt, dueLocal, timeZone[, riskExpiresAt]}`;

export const slaCommand: CliCommand = {
  name: 'sla',
  summary: 'When an issue of a priority is due under an SLA policy',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseCliArgs({
      args,
      options: {
        priority: { type: 'string' },
        raised: { type: 'string' },
        tz: { type: 'string' },
        'working-days': { type: 'string' },
        end: { type: 'string' },
        'p1-hours': { type: 'string' },
        'p3-days': { type: 'string' },
        'p4-days': { type: 'string' },
        holiday: { type: 'string', multiple: true },
        'risk-expires': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }).values;
    const priority = Priority.safeParse(parsed.priority);
    if (!priority.success) throw new UsageError('--priority must be P1, P2, P3 or P4');
    const raisedAt = parsed.raised === undefined ? Date.now() : Date.parse(parsed.raised);
    if (Number.isNaN(raisedAt))
      throw new UsageError(`--raised is not a date-time: ${parsed.raised ?? ''}`);
    const defaults = defaultSlaPolicy(
      parsed.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    const number = (value: string | undefined, fallback: number) =>
      value === undefined ? fallback : Number(value);
    const policy = SlaPolicyFields.safeParse({
      ...defaults,
      timeZone: parsed.tz ?? defaults.timeZone,
      workingDays: parsed['working-days']?.split(',').map(Number) ?? defaults.workingDays,
      endOfWorkingDay: parsed.end ?? defaults.endOfWorkingDay,
      p1Hours: number(parsed['p1-hours'], defaults.p1Hours),
      p3Days: number(parsed['p3-days'], defaults.p3Days),
      p4Days: number(parsed['p4-days'], defaults.p4Days),
      holidays: parsed.holiday ?? [],
    });
    if (!policy.success) {
      const issue = policy.error.issues[0];
      throw new UsageError(
        `invalid policy: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
      );
    }
    const dueAt = computeDueAt(priority.data, raisedAt, policy.data);
    const riskExpires = parsed['risk-expires'];
    if (riskExpires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(riskExpires)) {
      throw new UsageError('--risk-expires must be a date like 2026-12-31');
    }
    const result = {
      priority: priority.data,
      raisedAt: new Date(raisedAt).toISOString(),
      dueAt: new Date(dueAt).toISOString(),
      dueLocal: formatZoned(dueAt, policy.data.timeZone),
      timeZone: policy.data.timeZone,
      ...(riskExpires === undefined
        ? {}
        : { riskExpiresAt: new Date(riskExpiryInstant(riskExpires, policy.data)).toISOString() }),
    };
    if (parsed.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.stdout(
        `${result.priority} raised ${result.raisedAt} is due ${result.dueLocal} (${result.timeZone}), ${result.dueAt}\n`,
      );
      if (result.riskExpiresAt)
        io.stdout(`a risk acceptance through ${riskExpires} runs out ${result.riskExpiresAt}\n`);
    }
    return EXIT.ok;
  },
};
