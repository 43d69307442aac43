/**
 * Query × matrix scoring as an ONNX Runtime Gemm (A·Bᵀ, the matrix fed as-is, row-major [n, dim]),
 * built with the in-house ONNX encoder. Blocks the calling thread like any run(): worker use only.
 * Benchmarked against `dotScores` in scripts/bench-similarity.mjs.
 */
import * as ort from 'onnxruntime-node';
import { encodeModel, OnnxDataType } from '../model/onnx/onnx-proto.js';

export interface GemmScorer {
  /** scores [q, n] for queries [q, dim] against matrix [n, dim]. */
  score(queries: Float32Array, q: number, matrix: Float32Array, n: number): Promise<Float32Array>;
  release(): Promise<void>;
}

/** A session computing `queries · matrixᵀ`; one per embedding width. */
export async function createGemmScorer(dim: number, intraOpNumThreads = 1): Promise<GemmScorer> {
  const bytes = encodeModel({
    opset: 13,
    graph: {
      name: 'dot_scores',
      nodes: [{ opType: 'Gemm', inputs: ['queries', 'matrix'], outputs: ['scores'], attributes: [{ name: 'transB', kind: 'int', value: 1 }] }],
      initializers: [],
      inputs: [
        { name: 'queries', elemType: OnnxDataType.FLOAT, shape: ['q', dim] },
        { name: 'matrix', elemType: OnnxDataType.FLOAT, shape: ['n', dim] },
      ],
      outputs: [{ name: 'scores', elemType: OnnxDataType.FLOAT, shape: ['q', 'n'] }],
    },
  });
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads,
    interOpNumThreads: 1,
  });
  // onnxruntime-node rejects SharedArrayBuffer-backed tensors, so shared inputs are copied into a
  // scratch buffer kept between calls (a fresh allocation per call costs more in page faults than the copy).
  let scratch = new Float32Array(0);
  const unshared = (data: Float32Array): Float32Array => {
    if (!(data.buffer instanceof SharedArrayBuffer)) return data;
    if (scratch.length < data.length) scratch = new Float32Array(data.length);
    const view = scratch.subarray(0, data.length);
    view.set(data);
    return view;
  };
  return {
    async score(queries, q, matrix, n) {
      const out = await session.run({
        queries: new ort.Tensor('float32', queries.slice(0, q * dim), [q, dim]),
        matrix: new ort.Tensor('float32', unshared(matrix.subarray(0, n * dim)), [n, dim]),
      });
      return out['scores']!.data as Float32Array;
    },
    release: () => session.release(),
  };
}

