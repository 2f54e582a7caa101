/**
 * Configuration of the journeys' fleet, through the service's own variables.
 * Every journey comes from 127.0.0.1, so the per-IP auth limits are raised;
 * jobs time out after 8 s and expired jobs are looked for every second, so a
 * job whose worker was killed is retried within seconds instead of 15 minutes.
 * Webhooks may target the loopback, where the journeys' receivers listen.
 */
export const FLEET_ENV: Record<string, string> = {
  REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
  JOB_TIMEOUT_SECONDS: '8',
  JOB_MAINTENANCE_INTERVAL_SECONDS: '1',
  QUEUE_POLL_INTERVAL_SECONDS: '0.5',
  DATABASE_POOL_MAX: '5',
  WEBHOOK_ALLOW_LOOPBACK: 'true',
};

/** The fleet's job timeout in ms, for journeys that wait for a retry. */
export const FLEET_JOB_TIMEOUT_MS = Number(FLEET_ENV.JOB_TIMEOUT_SECONDS) * 1000;
