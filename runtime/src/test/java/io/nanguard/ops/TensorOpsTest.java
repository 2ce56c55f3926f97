package io.nanguard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.Role;
import io.nanguard.ops.api.TensorLibraryApi;
import io.nanguard.tensor.Tensor;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's ops as objects: what the engine records is what the checker and the tables read. */
class TensorOpsTest {

  @Test
  void namesAreUniqueAndDistinctFromTheCatalogue() throws IllegalAccessException {
    Set<String> names = new HashSet<>(OpCatalog.unaryOps().keySet());
    for (Field f : TensorOps.class.getFields()) {
      EngineOp op = (EngineOp) f.get(null);
      assertTrue(names.add(op.name()), op.name() + " is named twice");
      assertTrue(op.checkedOperand() < 0 == (op.checkedRow() == null), op.name());
    }
  }

  @Test
  void theEngineRecordsTheConstants() {
    Tensor a = Tensor.of(1, 2).requiresGrad(true);
    assertEquals(TensorOps.DIV.name(), a.div(Tensor.of(3, 4)).op());
    assertEquals(TensorOps.RESHAPE.name(), a.reshape(2, 1).op());
    assertEquals(OpCatalog.LOG.name(), a.log().op());
    assertSame(OpCatalog.divisor(), TensorOps.DIV.checkedRow());
    assertEquals(1, TensorOps.DIV.checkedOperand());
    assertEquals(0, OpCatalog.SQRT.checkedOperand());
    assertEquals(-1, OpCatalog.NEG.checkedOperand());
    assertSame(Flow.LINEAR, OpCatalog.NEG.flow());
  }

  @Test
  void theTensorTablesIdentityRowsComeFromCopyingOps() {
    assertSame(Role.IDENTITY, TensorLibraryApi.TABLE.instanceMethod("select", 2).role());
    assertSame(Role.IDENTITY, TensorLibraryApi.TABLE.instanceMethod("t", 0).role());
    ApiTable.Builder b = ApiTable.builder("x", FloatFormat.FLOAT64, "x.G");
    assertThrows(IllegalArgumentException.class, () -> b.copying("sum", 0, TensorOps.SUM));
  }
}
