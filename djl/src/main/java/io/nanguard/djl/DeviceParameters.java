package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every parameter's array on every device of a trainer, where its gradient is.
 *
 * <p>DJL 0.36 trains on several devices by keeping one copy of each parameter per device in the
 * trainer's {@link ParameterStore} ({@code Trainer.initialize} makes them all; a device's forward
 * reads its copy with {@code getValue(parameter, device, true)}, so that device's backward writes
 * the gradient into that copy). {@code trainer.step()} then adds the copies' gradients into the
 * first one and updates each copy. {@code Parameter.getArray()} is only the copy of the device the
 * parameter was made on: checking it alone misses a NaN that one other device produced (it is
 * summed in during the step). The trainer does not expose its store, so it is read from its field
 * {@code parameterStore}; its public {@code getValue} gives each device's copy. If the field
 * cannot be read (another DJL version), the check falls back to {@code getArray()}, the array
 * that holds the gradient with one device.
 */
final class DeviceParameters {

  /** One parameter's array on one device, named as DJL names the parameter. */
  record Copy(String name, Device device, NDArray array) {}

  private static final Field STORE = storeField();

  private final ParameterList parameters;
  private final ParameterStore store;
  private final Device[] devices;

  /**
   * The parameters of {@code parameters} on each of {@code devices}, as {@code store} holds them;
   * with no store, each parameter's own array.
   */
  DeviceParameters(ParameterList parameters, ParameterStore store, Device[] devices) {
    this.parameters = parameters;
    this.store = store;
    this.devices = devices.clone();
  }

  /**
   * The parameters of the trainer's model on each of its devices. The block's parameter list
   * (which DJL builds anew, names included, at each {@code getParameters()} call) and the store
   * are read here once: DJL fixes both when the trainer is made.
   */
  static DeviceParameters of(Trainer trainer) {
    return new DeviceParameters(trainer.getModel().getBlock().getParameters(), store(trainer), trainer.getDevices());
  }

  /**
   * The copies of every parameter initialized by now, on each device. An array shared by several
   * devices (a parameter already on that device) is listed once. With more than one device, the
   * name carries the device ({@code "linear_weight on gpu(1)"}).
   */
  List<Copy> copies() {
    List<Copy> out = new ArrayList<>();
    for (Pair<String, Parameter> p : parameters) {
      Parameter parameter = p.getValue();
      if (!parameter.isInitialized()) {
        continue;
      }
      if (store == null) {
        NDArray a = parameter.getArray();
        out.add(new Copy(p.getKey(), a.getDevice(), a));
      } else if (devices.length == 1) {
        NDArray a = store.getValue(parameter, devices[0], true);
        if (a != null) {
          out.add(new Copy(p.getKey(), devices[0], a));
        }
      } else {
        Map<NDArray, Boolean> seen = new IdentityHashMap<>();
        for (Device device : devices) {
          NDArray a = store.getValue(parameter, device, true);
          if (a != null && seen.put(a, Boolean.TRUE) == null) {
            out.add(new Copy(p.getKey() + " on " + device, device, a));
          }
        }
      }
    }
    return out;
  }

  private static ParameterStore store(Trainer trainer) {
    if (STORE == null) {
      return null;
    }
    try {
      return (ParameterStore) STORE.get(trainer);
    } catch (IllegalAccessException | ClassCastException e) {
      return null;
    }
  }

  private static Field storeField() {
    try {
      Field f = Trainer.class.getDeclaredField("parameterStore");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
