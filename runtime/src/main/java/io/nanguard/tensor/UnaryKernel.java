package io.nanguard.tensor;

import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The elementwise loops of one catalogue row. The catalogue ({@link OpSpec}) defines every op;
 * calling its functions per element is a megamorphic call the JIT cannot inline, so the hottest
 * rows also get a loop written out here with the very same arithmetic (UnaryKernelTest checks
 * they agree bit for bit with the catalogue). Any other row runs through {@link #generic}.
 */
abstract class UnaryKernel {

  /** y[i] = f(x[i]). */
  abstract void forward(double[] x, double[] y);

  /** gx[i] = g[i] * f'(x[i]) given y = f(x). */
  abstract void backward(double[] x, double[] y, double[] g, double[] gx);

  private static final Map<OpSpec, UnaryKernel> SPECIALISED = new IdentityHashMap<>();

  static {
    SPECIALISED.put(OpCatalog.NEG, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = -x[i];
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * -1;
        }
      }
    });
    SPECIALISED.put(OpCatalog.ABS, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.abs(x[i]);
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * Math.signum(x[i]);
        }
      }
    });
    SPECIALISED.put(OpCatalog.SQUARE, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = x[i] * x[i];
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * (2 * x[i]);
        }
      }
    });
    SPECIALISED.put(OpCatalog.SQRT, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.sqrt(x[i]);
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * (1 / (2 * y[i]));
        }
      }
    });
    SPECIALISED.put(OpCatalog.EXP, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.exp(x[i]);
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * y[i];
        }
      }
    });
    SPECIALISED.put(OpCatalog.LOG, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.log(x[i]);
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * (1 / x[i]);
        }
      }
    });
    SPECIALISED.put(OpCatalog.TANH, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.tanh(x[i]);
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * (1 - y[i] * y[i]);
        }
      }
    });
    SPECIALISED.put(OpCatalog.RELU, new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = x[i] > 0 ? x[i] : 0;
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * (x[i] > 0 ? 1 : 0);
        }
      }
    });
  }

  /** The loops for a catalogue row: a specialised one if it has one, else the generic one. */
  static UnaryKernel of(OpSpec op) {
    UnaryKernel k = SPECIALISED.get(op);
    return k != null ? k : generic(op);
  }

  /** The loops for x^p: x * x for p = 2 (as the catalogue computes it), else through the row. */
  static UnaryKernel pow(double p, OpSpec row) {
    return p == 2 ? SPECIALISED.get(OpCatalog.SQUARE) : generic(row);
  }

  /** Loops that call the catalogue row's functions per element. */
  static UnaryKernel generic(OpSpec op) {
    return new UnaryKernel() {
      @Override
      void forward(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
          y[i] = op.apply(x[i]);
        }
      }

      @Override
      void backward(double[] x, double[] y, double[] g, double[] gx) {
        for (int i = 0; i < x.length; i++) {
          gx[i] = g[i] * op.derivative(x[i], y[i]);
        }
      }
    };
  }
}
