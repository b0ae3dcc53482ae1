package io.github.ccecontract.nodepool.stub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.ContractDocument;
import io.github.ccecontract.nodepool.contract.NodePoolContract;
import io.github.ccecontract.nodepool.contract.model.NodePool;
import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import io.github.ccecontract.nodepool.contract.rules.ContractRules;
import io.github.ccecontract.nodepool.stub.api.NodePoolApi;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stub implements exactly what the document states: the x-cce-rules it enforces are the
 * document's (same ids, same order, same scopes), and the operation interface generated from the
 * document is the one the HTTP layer routes.
 */
class ContractAlignmentTest {

    @Test
    void theStubEnforcesExactlyTheDocumentsRules() {
        ContractDocument document = ContractDocument.bundled();
        assertTrue(!document.rules().isEmpty(), "the document lists its rules");
        assertEquals(
                document.rules(),
                ContractRules.rules(),
                "x-cce-rules of " + NodePoolContract.OPENAPI_JSON
                        + " against the rules the stub checks (ContractRules)");
    }

    @Test
    void clusterLimitRulesCarryTheNodeLimitCode() {
        assertEquals(
                Optional.of(CceErrors.NODE_LIMIT),
                ContractRules.rule("node-count-within-cluster-limit")
                        .orElseThrow()
                        .errorCode());
        assertEquals(
                Optional.of(CceErrors.NODE_LIMIT),
                ContractRules.rule("max-node-count-within-cluster-limit")
                        .orElseThrow()
                        .errorCode());
        assertEquals(
                Optional.of(CceErrors.NODE_LIMIT),
                ContractRules.rule("min-node-count-within-cluster-limit")
                        .orElseThrow()
                        .errorCode());
    }

    @Test
    void theGeneratedInterfaceIsTheRoutedOperation() throws Exception {
        assertEquals(
                NodePoolContract.PATH,
                NodePoolApi.class.getAnnotation(Path.class).value());
        assertEquals(CceNodePoolStub.OPERATION_PATH, NodePoolContract.PATH);
        Method create =
                NodePoolApi.class.getMethod(NodePoolContract.OPERATION_ID, String.class, String.class, NodePool.class);
        assertNotNull(create.getAnnotation(POST.class));
        assertEquals(
                List.of("application/json"),
                List.of(create.getAnnotation(Consumes.class).value()));
        assertEquals(
                List.of("application/json"),
                List.of(create.getAnnotation(Produces.class).value()));
        assertEquals(NodePoolResponse.class, create.getReturnType());
        Parameter[] parameters = create.getParameters();
        assertEquals("project_id", parameters[0].getAnnotation(PathParam.class).value());
        assertEquals("cluster_id", parameters[1].getAnnotation(PathParam.class).value());
        assertTrue(NodePoolApi.class.isAssignableFrom(StubNodePoolApi.class));
    }
}
