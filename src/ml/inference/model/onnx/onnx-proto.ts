/**
 * Encoders for the handful of ONNX protobuf messages a small inference graph needs: ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto (field numbers from
 * onnx/onnx.proto). Used to generate the test CLIP model (test-model/) and the similarity Gemm graph.
 *
 * @example
 * const bytes = encodeModel({ opset: 13, graph: { name: 'g', nodes, initializers, inputs, outputs } });
 */
import { ProtobufWriter } from './protobuf-writer.js';

/** TensorProto.DataType values used here. */
export const OnnxDataType = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7 } as const;
export type OnnxDataType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** AttributeProto.AttributeType values used here. */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

/** IR version 7 is the one that goes with opset 13. */
const IR_VERSION = 7;

export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array | Int32Array | Uint8Array;
}

/** A graph input or output; a string dim is symbolic (e.g. 'batch'). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: OnnxDataType;
  readonly shape: readonly (number | string)[];
}

export type OnnxAttribute =
  | { readonly name: string; readonly kind: 'int'; readonly value: number }
  | { readonly name: string; readonly kind: 'float'; readonly value: number }
  | { readonly name: string; readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly name: string; readonly kind: 'string'; readonly value: string };

export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attributes?: readonly OnnxAttribute[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly docString?: string;
}

export interface OnnxModel {
  readonly graph: OnnxGraph;
  readonly opset: number;
  readonly producerName?: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Serialises a ModelProto. */
export function encodeModel(model: OnnxModel): Uint8Array {
  const w = new ProtobufWriter()
    .varint(1, IR_VERSION)
    .string(2, model.producerName ?? 'thanosql-lite');
  if (model.docString) w.string(6, model.docString);
  w.bytes(7, encodeGraph(model.graph));
  w.bytes(8, new ProtobufWriter().string(1, '').varint(2, model.opset).finish());
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.bytes(14, new ProtobufWriter().string(1, key).string(2, value).finish());
  }
  return w.finish();
}

function encodeGraph(graph: OnnxGraph): Uint8Array {
  const w = new ProtobufWriter();
  graph.nodes.forEach((n, i) => w.bytes(1, encodeNode(n, i)));
  w.string(2, graph.name);
  for (const t of graph.initializers) w.bytes(5, encodeTensor(t));
  if (graph.docString) w.string(10, graph.docString);
  for (const v of graph.inputs) w.bytes(11, encodeValueInfo(v));
  for (const v of graph.outputs) w.bytes(12, encodeValueInfo(v));
  return w.finish();
}

function encodeNode(node: OnnxNode, index: number): Uint8Array {
  const w = new ProtobufWriter();
  for (const i of node.inputs) w.string(1, i);
  for (const o of node.outputs) w.string(2, o);
  w.string(3, node.name ?? `${node.opType}_${index}`);
  w.string(4, node.opType);
  for (const a of node.attributes ?? []) w.bytes(5, encodeAttribute(a));
  return w.finish();
}

function encodeAttribute(attr: OnnxAttribute): Uint8Array {
  const w = new ProtobufWriter().string(1, attr.name);
  switch (attr.kind) {
    case 'float':
      return w.float(2, attr.value).varint(20, AttributeType.FLOAT).finish();
    case 'int':
      return w.varint(3, attr.value).varint(20, AttributeType.INT).finish();
    case 'string':
      return w.string(4, attr.value).varint(20, AttributeType.STRING).finish();
    case 'ints':
      return w.varints(8, attr.value).varint(20, AttributeType.INTS).finish();
  }
}

/** TensorProto with little-endian raw_data (the host is little-endian on every platform we run). */
export function encodeTensor(tensor: OnnxTensor): Uint8Array {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (count !== tensor.data.length) {
    throw new Error(`tensor ${tensor.name}: dims ${tensor.dims.join('x')} need ${count} values, got ${tensor.data.length}`);
  }
  const raw = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  return new ProtobufWriter()
    .varints(1, tensor.dims)
    .varint(2, dataTypeOf(tensor.data))
    .string(8, tensor.name)
    .bytes(9, raw)
    .finish();
}

function dataTypeOf(data: OnnxTensor['data']): OnnxDataType {
  if (data instanceof Float32Array) return OnnxDataType.FLOAT;
  if (data instanceof BigInt64Array) return OnnxDataType.INT64;
  if (data instanceof Uint8Array) return OnnxDataType.UINT8;
  return OnnxDataType.INT32;
}

function encodeValueInfo(info: OnnxValueInfo): Uint8Array {
  const shape = new ProtobufWriter();
  for (const d of info.shape) {
    const dim = new ProtobufWriter();
    if (typeof d === 'number') dim.varint(1, d);
    else dim.string(2, d);
    shape.bytes(1, dim.finish());
  }
  const tensorType = new ProtobufWriter().varint(1, info.elemType).bytes(2, shape.finish()).finish();
  const type = new ProtobufWriter().bytes(1, tensorType).finish();
  return new ProtobufWriter().string(1, info.name).bytes(2, type).finish();
}
