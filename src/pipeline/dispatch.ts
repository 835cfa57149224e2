// Calling a method on an object (tickscript.md §3): `|name()` chain methods create nodes,
// `.name()` property methods configure the receiver (handler objects first try their own
// methods, then the alert node's), `@name()` would call a UDF. Errors carry Kapacitor's wording,
// including the wrong-operator hints and the reflection panic texts.

import type { FunctionCall } from '../tick/ast.js';
import { chainMethod, isUnsupported, type ChainMethod } from './chains.js';
import { GoCallError, GoPanic, MissingAlertPropertyError, TickEvalError } from './eval-error.js';
import { capitalizeFirst, checkCallArgs, checkFieldArgs } from './go-call.js';
import { GraphNode } from './graph.js';
import { TickArgumentError } from './handler-property.js';
import type { NodeType } from './model.js';
import type { EvalContext, NodeSpec, PropertySpec } from './node-spec.js';
import { applyHandlerMethod, handlerMethod } from './nodes/alert-handlers.js';
import { specOf } from './nodes/index.js';
import { goTypeName, HandlerObject, type TickValue } from './values.js';

export type CallContext = EvalContext;

type Found =
  | { kind: 'property'; spec: PropertySpec<NodeType>; node: GraphNode }
  | { kind: 'quiet'; node: GraphNode }
  | {
      kind: 'handler';
      handler: HandlerObject;
      method: NonNullable<ReturnType<typeof handlerMethod>>;
    };

export function callOn(
  ctx: CallContext,
  receiver: TickValue,
  call: FunctionCall,
  args: TickValue[],
): TickValue {
  const objType = goTypeName(receiver);
  const node =
    receiver instanceof GraphNode
      ? receiver
      : receiver instanceof HandlerObject
        ? receiver.alert
        : undefined;
  if (node === undefined) {
    // Kapacitor builds a reflection describer, which only works on pointers to structs.
    throw new TickEvalError('cannot get properties of non pointer value', call.pos);
  }
  const name = call.name;
  const goName = capitalizeFirst(name);
  const spec = specOf(node.type) as NodeSpec<NodeType>;
  const chain = chainMethod(spec.chains, goName);
  const property = findProperty(spec, node, receiver, goName);
  const hasProperty = property !== undefined || spec.knownProperty?.(name) === true;

  return guarded(call, objType, () => {
    switch (call.callType) {
      case 'chain':
        if (chain) return callChain(ctx, chain, node, args, call);
        if (hasProperty) {
          throw new TickEvalError(
            `no chaining method "${name}" on ${objType}, but property does exist. Use '.' operator instead: 'node.${name}(..)'.`,
            call.pos,
          );
        }
        break;
      case 'property':
        if (property) return setProperty(property, receiver, args, call, goName, objType);
        if (chain) {
          throw new TickEvalError(
            `no property method "${name}" on ${objType}, but chaining method does exist. Use '|' operator instead: 'node|${name}(..)'.`,
            call.pos,
          );
        }
        break;
      case 'dynamic':
        throw new TickEvalError(`UDFs are not supported: @${name}()`, call.pos);
      case 'global':
        throw new TickEvalError(`calling global function on object ${objType}`, call.pos);
    }
    const message = `no method or property "${name}" on ${objType}`;
    if (call.callType === 'property' && node.type === 'alert') {
      throw new MissingAlertPropertyError(message, name, call.pos);
    }
    throw new TickEvalError(message, call.pos);
  });
}

function findProperty(
  spec: NodeSpec<NodeType>,
  node: GraphNode,
  receiver: TickValue,
  goName: string,
): Found | undefined {
  if (receiver instanceof HandlerObject) {
    const m = handlerMethod(receiver.def, goName);
    if (m) return { kind: 'handler', handler: receiver, method: m };
  }
  const p = Object.hasOwn(spec.properties, goName)
    ? spec.properties[goName]
    : spec.dynamicProperty?.(goName);
  if (p) return { kind: 'property', spec: p, node };
  if (goName === 'Quiet') return { kind: 'quiet', node };
  return undefined;
}

function callChain(
  ctx: CallContext,
  chain: ChainMethod | { unsupported: string },
  node: GraphNode,
  args: TickValue[],
  call: FunctionCall,
): TickValue {
  if (isUnsupported(chain)) throw new TickEvalError(chain.unsupported, call.pos);
  checkCallArgs(chain.params, chain.variadic ?? false, args);
  return chain.create(ctx, node, args, call);
}

function setProperty(
  found: Found,
  receiver: TickValue,
  args: TickValue[],
  call: FunctionCall,
  goName: string,
  objType: string,
): TickValue {
  switch (found.kind) {
    case 'quiet':
      checkCallArgs([], false, args);
      found.node.quiet = true;
      return receiver;
    case 'handler':
      applyHandlerMethod(found.handler, found.method, args);
      return receiver;
    case 'property': {
      const p = found.spec;
      if (p.kind === 'field') {
        p.set(found.node, checkFieldArgs(goName, objType, p.type, args));
        return receiver;
      }
      checkCallArgs(p.params, p.variadic ?? false, args);
      // Handler properties return a sub-object. Other Go property methods return the node
      // they are defined on: on a handler that is the alert node, as with Kapacitor's
      // AlertNodeData methods; fields return the receiver.
      return p.apply(found.node, args, call) ?? found.node;
    }
  }
}

/** Turns Go-style failures inside a call into Kapacitor's messages. */
function guarded(call: FunctionCall, objType: string, run: () => TickValue): TickValue {
  try {
    return run();
  } catch (err) {
    if (err instanceof GoPanic) {
      const message = `error calling func "${call.name}" on obj ${objType}: ${err.message}`;
      if (message.includes('got *ast.ReferenceNode') && message.includes('must be string')) {
        throw new TickEvalError(
          'cannot assign *ast.ReferenceNode to type string, did you use double quotes instead of single quotes?',
          call.pos,
        );
      }
      throw new TickEvalError(message, call.pos);
    }
    if (err instanceof GoCallError || err instanceof TickArgumentError) {
      throw new TickEvalError(err.message, call.pos);
    }
    throw err;
  }
}
