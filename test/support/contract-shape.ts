/**
 * The contract of `types/api.ts`, read with the TypeScript checker, used to walk a real answer: every key of
 * every object in it must be a property of the declared response type at that place (through arrays, unions,
 * intersections, Omit/Pick and index signatures). Answers the paths of keys the contract does not name.
 */
import path from 'node:path';
import ts from 'typescript';

const API_FILE = path.resolve(__dirname, '..', '..', 'types', 'api.ts');

export interface ContractShape {
  /** Action names of one function, as the contract declares them. */
  actions(fn: 'shop' | 'admin'): string[];
  /** Paths of keys in `answer` that the action's response type does not declare. */
  undeclaredKeys(fn: 'shop' | 'admin', action: string, answer: unknown): string[];
}

export function readContract(): ContractShape {
  const program = ts.createProgram([API_FILE], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(API_FILE);
  if (!source) throw new Error(`cannot read ${API_FILE}`);
  const cloudApi = source.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'CloudApi',
  );
  if (!cloudApi) throw new Error('types/api.ts declares no CloudApi');
  const anchor: ts.Node = cloudApi;
  const apiType = checker.getTypeAtLocation(anchor);

  const propertyType = (type: ts.Type, name: string): ts.Type => {
    const symbol = checker.getPropertyOfType(type, name);
    if (!symbol) throw new Error(`the contract has no ${name}`);
    return checker.getTypeOfSymbolAtLocation(symbol, anchor);
  };
  const functionType = (fn: string) => propertyType(apiType, fn);
  const responseType = (fn: string, action: string) =>
    propertyType(propertyType(functionType(fn), action), 'response');

  const isOpen = (type: ts.Type) => (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;

  /** The type of an array's element at `index` (a tuple's own, an array's shared one). */
  function elementType(type: ts.Type, index = 0): ts.Type | undefined {
    if (!checker.isArrayType(type) && !checker.isTupleType(type)) return undefined;
    const args = checker.getTypeArguments(type as ts.TypeReference);
    return args[Math.min(index, args.length - 1)];
  }

  function walk(value: unknown, type: ts.Type, at: string): string[] {
    if (value === null || typeof value !== 'object' || isOpen(type)) return [];
    if (type.isUnion()) {
      // The value is one of the members: the member it fits best decides.
      let best: string[] | undefined;
      for (const member of type.types) {
        if (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
        if (Array.isArray(value) !== Boolean(elementType(member))) continue;
        if (!Array.isArray(value) && !(member.flags & ts.TypeFlags.Object) && !member.isIntersection())
          continue;
        const extra = walk(value, member, at);
        if (!best || extra.length < best.length) best = extra;
        if (extra.length === 0) break;
      }
      return best ?? [`${at} (not an object in the contract)`];
    }
    if (Array.isArray(value)) {
      if (!elementType(type)) return [`${at} (an array where the contract has none)`];
      return value.flatMap((item, i) => walk(item, elementType(type, i) as ts.Type, `${at}[${i}]`));
    }
    const indexInfo = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    const extra: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      const symbol = checker.getPropertyOfType(type, key);
      if (symbol) {
        extra.push(...walk(child, checker.getTypeOfSymbolAtLocation(symbol, anchor), `${at}.${key}`));
      } else if (indexInfo) {
        extra.push(...walk(child, indexInfo.type, `${at}.${key}`));
      } else {
        extra.push(`${at}.${key}`);
      }
    }
    return extra;
  }

  return {
    actions: (fn) => checker.getPropertiesOfType(functionType(fn)).map((symbol) => symbol.name),
    undeclaredKeys: (fn, action, answer) => walk(answer, responseType(fn, action), `${fn}:${action}`),
  };
}
