import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const API = resolve(__dirname, '..', '..', 'schema', 'api.graphql');

function described(thing: { description?: string | null }): boolean {
  return (thing.description ?? '').trim().length > 0;
}

/** Every schema element of the client-facing schema that has no description, by schema coordinate. */
function undescribed(sdl: string): string[] {
  const schema = buildSchema(sdl);
  const missing: string[] = [];
  const checkArgs = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) if (!described(arg)) missing.push(`${owner}(${arg.name}:)`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const coordinate = `${type.name}.${field.name}`;
        if (!described(field)) missing.push(coordinate);
        checkArgs(coordinate, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value)) missing.push(`${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (['include', 'skip', 'deprecated', 'specifiedBy', 'oneOf'].includes(directive.name)) continue;
    if (!described(directive)) missing.push(`@${directive.name}`);
    checkArgs(`@${directive.name}`, directive.args);
  }
  return missing.sort();
}

describe('schema/api.graphql', () => {
  it('describes every type, field, argument, enum value and input field', () => {
    const missing = undescribed(readFileSync(API, 'utf8'));
    expect(missing, `without a description:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('finds what an undescribed schema lacks (the check itself can fail)', () => {
    const sdl = 'type Query { """Listed."""\n a(x: Int): E\n b: Int }\nenum E { """Yes."""\n ON\n OFF }\n"""Input."""\ninput I { y: Int }\ntype T { z: Int }';
    expect(undescribed(sdl)).toEqual(['E', 'E.OFF', 'I.y', 'Query', 'Query.a(x:)', 'Query.b', 'T', 'T.z']);
  });
});
