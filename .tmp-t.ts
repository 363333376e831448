import { parseConfigText, ConfigError, formatProblems } from '/work/main/lib/config';
const base = 'flink: { region: cn-hangzhou, timeout: 0 }\nwatches: [{ name: a, workspace: w, selector: "a=b" }]\nreport: { auth: none }\nalerting: { repeatInterval: 0s, outboxMaxAge: 10 }\ntickTimeout: "0ms"\nreceivers: { h: { type: webhook, url: "https://x", timeout: 5 min, rateLimit: { max: 1, per: 1m } } }\n';
try { parseConfigText(base, { format: 'yaml', env: {} }); } catch (e) { if (e instanceof ConfigError) console.log(formatProblems(e.problems)); }
