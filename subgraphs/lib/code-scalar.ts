import { type ApolloServerPlugin } from '@apollo/server';
import {
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  GraphQLScalarType,
  Kind,
  type ValueNode,
  visit,
} from 'graphql';
import { ErrorCode } from './errors';

/**
 * Thrown by a code scalar when a value is not a valid code. Its message is the reason
 * only: it never contains the value, which may be personal data.
 */
export class InvalidCodeError extends Error {
  constructor(
    readonly scalar: string,
    readonly reason: string,
  ) {
    super(`${scalar}: ${reason}`);
    this.name = 'InvalidCodeError';
  }
}

/** A check: returns the normalised value, or a reason why the value is not valid. */
export type CodeCheck = (value: string) => { ok: true; value: string } | { ok: false; reason: string };

/**
 * A string scalar that only admits valid codes. Invalid input, as a variable or a
 * literal, fails with {@link InvalidCodeError}; {@link codeErrorsPlugin} turns that into
 * a BAD_USER_INPUT naming the argument and the reason.
 */
export function codeScalar(name: string, description: string, check: CodeCheck): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw new InvalidCodeError(name, 'must be a string');
    const result = check(value);
    if (!result.ok) throw new InvalidCodeError(name, result.reason);
    return result.value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => {
      if (typeof value !== 'string') throw new GraphQLError(`${name} cannot represent a non-string value`);
      return value;
    },
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new InvalidCodeError(name, 'must be a string');
      return parse(ast.value);
    },
  });
}

interface ArgumentUse {
  argument: string;
  field: string;
  start: number;
  end: number;
}

/** Every argument in a document with the field it belongs to and its source span. */
function argumentsOf(document: DocumentNode): { uses: ArgumentUse[]; byVariable: Map<string, ArgumentUse[]> } {
  const uses: ArgumentUse[] = [];
  const byVariable = new Map<string, ArgumentUse[]>();
  const fields: string[] = [];
  visit(document, {
    Field: {
      enter: (node) => void fields.push(node.name.value),
      leave: () => void fields.pop(),
    },
    Argument: (node) => {
      const use = {
        argument: node.name.value,
        field: fields[fields.length - 1] ?? '?',
        start: node.loc?.start ?? -1,
        end: node.loc?.end ?? -1,
      };
      uses.push(use);
      visit(node.value, {
        Variable: (variable) => {
          const list = byVariable.get(variable.name.value) ?? [];
          list.push(use);
          byVariable.set(variable.name.value, list);
        },
      });
    },
  });
  return { uses, byVariable };
}

function describe(uses: ArgumentUse[]): string {
  return uses.map((u) => `argument "${u.argument}" of field "${u.field}"`).join(', ');
}

/** graphql-js wraps a scalar's error once or twice depending on where it was raised. */
function invalidCodeCause(error: Error): InvalidCodeError | undefined {
  let current: Error | undefined = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (current instanceof InvalidCodeError) return current;
    current = (current as GraphQLError).originalError ?? undefined;
  }
  return undefined;
}

const VARIABLE_PREFIX = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;

/**
 * Rewrites errors caused by an {@link InvalidCodeError}: graphql-js puts the rejected
 * value in its message; ours names the variable, the argument, where inside it, and
 * why, and never the value. Both variables and inline literals become BAD_USER_INPUT.
 */
export function rewriteCodeError(error: GraphQLError, document: DocumentNode | undefined): void {
  const cause = invalidCodeCause(error);
  if (!cause) return;
  const args = document ? argumentsOf(document) : { uses: [], byVariable: new Map<string, ArgumentUse[]>() };
  const variable = VARIABLE_PREFIX.exec(error.message)?.[1];
  let where: string;
  if (variable) {
    const inner = / at "([^"]*)"; Expected type "/.exec(error.message)?.[1];
    const uses = args.byVariable.get(variable) ?? [];
    if (uses.length === 0) {
      where = `variable "$${variable}"${inner ? ` at "${inner}"` : ''}`;
    } else {
      // Name the argument, not the variable: a gateway may have renamed the variable.
      const within = inner && uses.length === 1 ? `"${uses[0]!.argument}${inner.slice(variable.length)}" of ` : '';
      where = within ? `${within}${describe(uses)}` : describe(uses);
    }
  } else {
    const node: ASTNode | undefined = error.nodes?.[0];
    const start = node?.loc?.start ?? -1;
    const use = args.uses.filter((u) => u.start <= start && start < u.end).pop();
    where = use ? describe([use]) : 'an argument';
  }
  error.message = `Invalid ${cause.scalar} in ${where}: ${cause.reason}`;
  (error.extensions as Record<string, unknown>).code = ErrorCode.BAD_USER_INPUT;
}

/** Apollo plugin applying {@link rewriteCodeError} to every error of a request. */
export const codeErrorsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, document }) {
        for (const error of errors) rewriteCodeError(error, document ?? undefined);
      },
    };
  },
};
