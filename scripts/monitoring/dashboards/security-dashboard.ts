import { dashboard, timeseries } from './panels.js';

const API = 'job="catalytic-api"';

/** Security: logins and credential failures, lockouts, revocations, API keys, 429s and 4xx. */
export const securityDashboard = () =>
  dashboard({
    uid: 'catalytic-security',
    title: 'Catalytic / Security',
    description: 'Authentication failures, lockouts, revocations, API-key use, rate limiting and client errors.',
    rows: [
      {
        title: 'Authentication',
        panels: [
          timeseries('Logins by outcome', 'Password logins per second by outcome.', 'ops', [
            { expr: 'outcome:catalytic_auth_logins:rate5m', legend: '{{outcome}}' },
          ]),
          timeseries('Login failure ratio', 'Share of logins that failed; the spike alert needs over 50 %.', 'percentunit', [
            { expr: 'catalytic:auth_login_failure:ratio_rate5m', legend: 'failed' },
          ]),
          timeseries('Credentials refused by reason', 'Requests whose token or API key was refused.', 'ops', [
            {
              expr: 'sum by (credential, reason) (rate(catalytic_auth_failures_total[$__rate_interval]))',
              legend: '{{credential}}: {{reason}}',
            },
          ]),
          timeseries('Lockouts', 'Logins refused because a failed-login counter reached its limit.', 'ops', [
            { expr: 'sum by (scope) (rate(catalytic_auth_lockouts_total[$__rate_interval]))', legend: '{{scope}}' },
          ]),
          timeseries('Revocations', 'Tokens, sessions and API keys revoked.', 'ops', [
            { expr: 'sum by (kind) (rate(catalytic_auth_revocations_total[$__rate_interval]))', legend: '{{kind}}' },
          ]),
          timeseries('API-key uses', 'Requests that presented an API key.', 'ops', [
            { expr: 'sum by (outcome) (rate(catalytic_auth_api_key_uses_total[$__rate_interval]))', legend: '{{outcome}}' },
          ]),
        ],
      },
      {
        title: 'Limits and client errors',
        panels: [
          timeseries('429s by limit and plan', 'Requests refused by a rate limit.', 'reqps', [
            { expr: 'kind_plan:catalytic_rate_limited:rate5m', legend: '{{kind}} ({{plan}})' },
          ]),
          timeseries('4xx by status', 'Client errors per second by status.', 'reqps', [
            { expr: `sum by (status) (job_status:http_requests:rate5m{${API}, status=~"4.."})`, legend: '{{status}}' },
          ]),
          timeseries('401 and 403 by route', 'Unauthenticated and forbidden answers by route.', 'reqps', [
            {
              expr: `sum by (route, status) (rate(http_requests_total{${API}, status=~"401|403"}[$__rate_interval]))`,
              legend: '{{status}} {{route}}',
            },
          ]),
        ],
      },
    ],
  });
