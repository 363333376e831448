import type { ErrorObject } from 'ajv';
import { DURATION_FORMS } from './duration';
import { childPath, pointerToPath } from './paths';
import type { ConfigProblem } from './problems';
import { isRecord } from './read';
import {
  definitionName,
  describeValue,
  discriminatedTypes,
  firstExample,
  propertyNamesOf,
  propertySchema,
  resolveSchema,
} from './schema-lookup';
import { didYouMean } from './suggest';

/** How values of a named schema definition are explained when they do not fit. */
const KINDS: Record<string, { what: string; hint: string }> = {
  resourceName: {
    what: 'is not a valid name',
    hint: 'use lowercase letters, digits, "_", "." and "-", starting with a letter or digit, e.g. payments',
  },
  receiverName: {
    what: 'is not a valid receiver name',
    hint: 'use letters, digits, "_", "." and "-", starting with a letter or digit, e.g. oncall',
  },
  labelName: {
    what: 'is not a valid label name',
    hint: 'use letters, digits and "_", not starting with a digit, e.g. team_name',
  },
  timeOfDay: { what: 'is not a time of day', hint: 'write HH:MM in 24-hour form and quote it, e.g. "02:00"' },
  endTimeOfDay: {
    what: 'is not a time of day',
    hint: 'write HH:MM in 24-hour form (or 24:00) and quote it, e.g. "04:00"',
  },
  weekday: { what: 'is not a day of the week', hint: 'use mon, tue, wed, thu, fri, sat or sun' },
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list (one "- item" per line)',
};

/** ajv errors → one plain-language problem per path, each with a hint. */
export function schemaProblems(errors: readonly ErrorObject[], data: unknown): ConfigProblem[] {
  const byPath = new Map<string, ConfigProblem>();
  for (const error of errors) {
    if (error.propertyName !== undefined) continue; // explained by the enclosing `propertyNames` error
    const problem = translate(error, data);
    if (problem && !byPath.has(problem.path)) byPath.set(problem.path, problem);
  }
  return [...byPath.values()];
}

function translate(error: ErrorObject, data: unknown): ConfigProblem | undefined {
  const path = pointerToPath(error.instancePath, data);
  const params: Record<string, unknown> = error.params;
  const kind = definitionName(error.parentSchema);
  if (kind === 'duration') return durationProblem(path, error.data);
  if (kind === 'positiveDuration') return durationProblem(path, error.data, true);
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(path, String(params.additionalProperty), error.parentSchema);
    case 'required':
      return missingKey(path, String(params.missingProperty), error.parentSchema);
    case 'discriminator':
      return badType(path, error.data, error.parentSchema);
    case 'propertyNames':
      return badKey(path, String(params.propertyName), error.parentSchema);
    case 'type':
      return wrongType(path, error.data, params.type);
    case 'enum':
      return notInEnum(path, error.data, error.schema, kind);
  }
  const named = kind === undefined ? undefined : KINDS[kind];
  if (named) return { path, message: `${describeValue(error.data)} ${named.what}`, hint: named.hint };
  return otherProblem(path, error);
}

function durationProblem(path: string, value: unknown, positive = false): ConfigProblem {
  const forms = positive ? DURATION_FORMS.replace(/; or 0$/, '') : DURATION_FORMS;
  if (positive && (value === 0 || (typeof value === 'string' && /^0[a-z]*$/.test(value)))) {
    return { path, message: 'must be longer than 0', hint: `write ${forms}` };
  }
  if (typeof value === 'number') {
    return { path, message: `${value} has no unit`, hint: `write e.g. ${value}s or ${value}m: ${forms}` };
  }
  return { path, message: `${describeValue(value)} is not a duration`, hint: `write ${forms}` };
}

function unknownKey(path: string, key: string, parentSchema: unknown): ConfigProblem {
  const allowed = propertyNamesOf(parentSchema);
  const typeName = typeConstOf(parentSchema);
  const scope = typeName ? `allowed for type ${typeName}` : 'allowed here';
  return {
    path: childPath(path, key),
    message: `unknown key "${key}"`,
    hint: `${didYouMean(key, allowed)}${scope}: ${allowed.join(', ')}`,
  };
}

function missingKey(path: string, key: string, parentSchema: unknown): ConfigProblem {
  const where = childPath(path, key);
  if (key === 'type') {
    const types = discriminatedTypes(parentSchema);
    return { path: where, message: 'is required', hint: `add type: one of ${types.join(', ')}` };
  }
  const property = propertySchema(parentSchema, key);
  const example = firstExample(property);
  const description = typeof property?.description === 'string' ? ` (${property.description})` : '';
  const hint = example === undefined ? `add ${key}${description}` : `add ${key}: ${example}`;
  return { path: where, message: 'is required', hint };
}

function badType(path: string, value: unknown, parentSchema: unknown): ConfigProblem {
  const types = discriminatedTypes(parentSchema);
  const given = isRecord(value) ? value.type : undefined;
  const where = childPath(path, 'type');
  if (typeof given !== 'string') {
    return { path: where, message: 'must name the type', hint: `use one of ${types.join(', ')}` };
  }
  return {
    path: where,
    message: `unknown type "${given}"`,
    hint: `${didYouMean(given, types)}use one of ${types.join(', ')}`,
  };
}

function badKey(path: string, key: string, parentSchema: unknown): ConfigProblem {
  const names = isRecord(parentSchema) ? parentSchema.propertyNames : undefined;
  const named = KINDS[definitionName(resolveSchema(names)) ?? ''];
  return {
    path: childPath(path, key),
    message: `"${key}" ${named?.what ?? 'is not an allowed key'}`,
    hint: named?.hint ?? 'rename the key',
  };
}

function wrongType(path: string, value: unknown, expected: unknown): ConfigProblem {
  const types = (Array.isArray(expected) ? expected : String(expected).split(',')).map(String);
  const words = types.map((type) => TYPE_WORDS[type] ?? type).join(' or ');
  if (value === null)
    return { path, message: `is empty; expected ${words}`, hint: 'fill in a value or remove the key' };
  const hint =
    types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')
      ? 'put the value in quotes'
      : `write ${words}`;
  return { path, message: `must be ${words}`, hint };
}

function notInEnum(path: string, value: unknown, allowed: unknown, kind: string | undefined): ConfigProblem {
  const options = Array.isArray(allowed) ? allowed.map(String) : [];
  const named = kind === undefined ? undefined : KINDS[kind];
  const suggestion = typeof value === 'string' ? didYouMean(value, options) : '';
  return {
    path,
    message: `${describeValue(value)} ${named?.what ?? 'is not allowed'}`,
    hint: `${suggestion}use one of ${options.join(', ')}`,
  };
}

function otherProblem(path: string, error: ErrorObject): ConfigProblem {
  const params: Record<string, unknown> = error.params;
  const parent = isRecord(error.parentSchema) ? error.parentSchema : {};
  switch (error.keyword) {
    case 'minItems':
      return {
        path,
        message: `needs at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`,
        hint: path === 'watches' ? 'add a watch with name, workspace and selector' : 'add an entry or remove the key',
      };
    case 'minLength':
      return { path, message: 'must not be empty', hint: 'write a value or remove the key' };
    case 'maxLength':
      return { path, message: `is longer than ${String(params.limit)} characters`, hint: 'shorten it' };
    case 'minimum':
    case 'maximum': {
      const range =
        typeof parent.maximum === 'number'
          ? `from ${String(parent.minimum)} to ${String(parent.maximum)}`
          : `of at least ${String(parent.minimum)}`;
      return { path, message: `${describeValue(error.data)} is out of range`, hint: `use a whole number ${range}` };
    }
    case 'uniqueItems':
      return {
        path,
        message: `lists the same value twice (entries ${String(params.j)} and ${String(params.i)})`,
        hint: 'remove the duplicate',
      };
    case 'pattern':
      return {
        path,
        message: `${describeValue(error.data)} does not have the expected form`,
        hint: typeof parent.description === 'string' ? parent.description : 'see docs/configuration.md',
      };
    default:
      return { path, message: error.message ?? 'is not valid', hint: 'see docs/configuration.md' };
  }
}

function typeConstOf(schema: unknown): string | undefined {
  const properties = isRecord(schema) ? schema.properties : undefined;
  const type = isRecord(properties) ? properties.type : undefined;
  return isRecord(type) && typeof type.const === 'string' ? type.const : undefined;
}
