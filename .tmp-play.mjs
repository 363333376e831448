import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
const schema = JSON.parse(readFileSync('schema/flink-watch.schema.json', 'utf8'));
const opt = process.argv[2] === 'noopt';
const c0 = process.cpuUsage();
const ajv = new Ajv({ allErrors: true, verbose: true, discriminator: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { optimize: !opt } });
const v = ajv.compile(schema);
const c = process.cpuUsage(c0);
console.log(process.argv[2], 'cpu ms', ((c.user + c.system) / 1000).toFixed(0));
