package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 0-d constant arrays the guards combine with their input (an eps, 1, 2): one per engine,
 * device, data type and value, made on first use and kept for the life of the JVM.
 *
 * <p>Why cached: DJL's {@code add(Number)} first copies the number from a Java buffer into a new
 * array on the input's device and frees it afterwards; on a loss of a few dozen small ops, where
 * each op costs its native dispatch far more than its arithmetic, that copy was half of a guard's
 * cost (see docs/benchmarks.md, DJL). A cached constant makes the guarded op one native call, with
 * no host-to-device copy on a GPU. The set is bounded: the values are the eps constants of
 * generated code and a few small integers.
 */
final class NdConstants {

  private record Key(Engine engine, Device device, DataType type, double value) {}

  private static final Map<Key, NDArray> CACHE = new ConcurrentHashMap<>();

  private NdConstants() {}

  /** A 0-d array holding {@code value} in {@code type}, on {@code like}'s engine and device. */
  static NDArray of(NDArray like, DataType type, double value) {
    Key key = new Key(like.getManager().getEngine(), like.getDevice(), type, value);
    NDArray c = CACHE.get(key);
    return c != null ? c : CACHE.computeIfAbsent(key, NdConstants::create);
  }

  private static NDArray create(Key key) {
    // A manager of NaNGuard's own, never closed: the constant must outlive every user manager.
    NDManager manager = key.engine().newBaseManager(key.device());
    NDArray c = key.type() == DataType.FLOAT64
        ? manager.create(key.value())
        : manager.full(new Shape(), (float) key.value(), key.type());
    // Made inside the caller's NDScope, it would be closed with it.
    NDScope.unregister(c);
    return c;
  }
}
