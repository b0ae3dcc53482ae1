package io.github.ccecontract.nodepool.client.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.client.CceJson;
import io.github.ccecontract.nodepool.client.Contract;
import io.github.ccecontract.nodepool.client.model.Login;
import io.github.ccecontract.nodepool.client.model.DataVolume;
import io.github.ccecontract.nodepool.client.model.NodeExtendParam;
import io.github.ccecontract.nodepool.client.model.NodePool;
import io.github.ccecontract.nodepool.client.model.Violation;
import io.github.ccecontract.nodepool.openapi.NodePoolContract.DocumentedExample;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Case;
import io.github.ccecontract.nodepool.openapi.testing.ConstraintCases.Catalogue;
import jakarta.validation.ValidationProviderResolver;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * NodePoolValidator against the constraint catalogue: the generated Bean Validation annotations
 * (checked by hibernate-validator, a test dependency) report each JSON Schema constraint they can
 * express at the constraint's pointer with the constraint's keyword, and accept every accepted case.
 */
class NodePoolValidatorTest {
  private static final ObjectMapper MAPPER = CceJson.newObjectMapper();
  private static final NodePoolValidator VALIDATOR = NodePoolValidator.create();

  /** The JSON Schema keywords the generated annotations express (@NotNull, @Pattern, @Size, @Min, @Max). */
  private static final Set<String> BEAN_KEYWORDS = Set.of("required", "pattern", "minLength", "maxLength",
      "minimum", "maximum", "maxItems", "maxProperties");

  /**
   * Constraints the annotations do not express, and why. The test fails if one of them starts being
   * reported, so that this list stays true.
   */
  private static final Map<String, String> NOT_EXPRESSED = Map.of(
      "/spec/nodeTemplate/k8sTags/sample-key#pattern", "the generator puts no constraint on map values",
      "/spec/nodeTemplate/k8sTags/sample-key#maxLength", "the generator puts no constraint on map values");

  @Test
  void aProviderIsFoundOnTheTestClasspath() {
    assertTrue(VALIDATOR.beanValidationAvailable(), "hibernate-validator is a test dependency");
  }

  @Test
  void theDocumentedRequestsAreValid() throws JsonProcessingException {
    assertEquals(List.of(), VALIDATOR.validate(read(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST)),
        ClusterLimits.cce(50)));
    assertEquals(List.of(), VALIDATOR.validate(read(Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST)),
        ClusterLimits.turbo(50)));
  }

  @TestFactory
  Stream<DynamicNode> everyAcceptedCaseIsValid() {
    Catalogue catalogue = ConstraintCases.load();
    return Stream.concat(catalogue.constraints().values().stream(), catalogue.rules().values().stream())
        .map(c -> DynamicContainer.dynamicContainer(c.id(), c.accepted().stream()
            .map(cs -> DynamicTest.dynamicTest("accepted: " + cs.name(), () -> accepted(cs)))));
  }

  private static void accepted(Case cs) throws JsonProcessingException {
    List<String> violations = describe(VALIDATOR.validate(read(cs.request()), Contract.clusterLimits(cs.cluster())));
    assertEquals(List.of(), violations, cs.toString());
  }

  @TestFactory
  Stream<DynamicNode> everyRejectedCaseOfAnExpressedConstraintIsReported() {
    return ConstraintCases.load().constraints().values().stream()
        .filter(c -> BEAN_KEYWORDS.contains(keyword(c.id())))
        .map(c -> DynamicContainer.dynamicContainer(c.id(), c.rejected().stream()
            .map(cs -> DynamicTest.dynamicTest("rejected: " + cs.name(), () -> rejected(cs)))));
  }

  private static void rejected(Case cs) {
    String keyword = keyword(cs.entryId());
    String pointer = cs.entryId().substring(0, cs.entryId().lastIndexOf('#'));
    NodePool pool;
    try {
      pool = read(cs.request());
    } catch (JsonProcessingException e) {
      // Only a number no Integer can hold may stop at reading (the int32 bounds of the document).
      JsonNode value = cs.request().at(pointer);
      assertTrue(Set.of("minimum", "maximum").contains(keyword) && value.isIntegralNumber()
          && value.bigIntegerValue().bitLength() >= 32, cs + ": could not be read: " + e.getOriginalMessage());
      assertTrue(value.bigIntegerValue().compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0
          || value.bigIntegerValue().compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0, cs.toString());
      return;
    }
    List<String> violations = describe(VALIDATOR.validate(pool));
    String expected = pointer + " [" + keyword + "]";
    String reason = NOT_EXPRESSED.get(cs.entryId());
    if (reason == null) {
      assertTrue(violations.contains(expected), cs + ": expected " + expected + ", got " + violations);
    } else {
      assertFalse(violations.contains(expected), cs + ": " + expected + " is reported now: remove it from"
          + " NOT_EXPRESSED (" + reason + ")");
    }
  }

  @Test
  void memberNamesThatAreNotJavaNamesGiveJsonPointers() {
    NodePool pool = MAPPER.convertValue(Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST), NodePool.class);
    NodeExtendParam extendParam = pool.getSpec().getNodeTemplate().getExtendParam();
    extendParam.setPreInstall("not base64!");
    extendParam.setNodeImageId("");
    DataVolume data = pool.getSpec().getNodeTemplate().getDataVolumes().get(0);
    data.setSize(0);
    data.setHwPassthrough(false);
    assertEquals(List.of(
        "/spec/nodeTemplate/dataVolumes/0/hw:passthrough [elastic-bms-volumes-passthrough]",
        "/spec/nodeTemplate/dataVolumes/0/size [minimum]",
        "/spec/nodeTemplate/extendParam/alpha.cce~1NodeImageID [minLength]",
        "/spec/nodeTemplate/extendParam/alpha.cce~1preInstall [pattern]"),
        describe(VALIDATOR.validate(pool)));
  }

  @Test
  void withoutAProviderOnlyTheRulesAreChecked() throws JsonProcessingException {
    ValidationProviderResolver none = List::of;
    NodePoolValidator rulesOnly = NodePoolValidator.create(none);
    assertFalse(rulesOnly.beanValidationAvailable());
    assertFalse(NodePoolValidator.withoutBeanValidation().beanValidationAvailable());

    NodePool pool = read(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
    pool.getMetadata().setName("Not a valid name");
    pool.getSpec().getNodeTemplate().setLogin(new Login());
    assertEquals(List.of("/spec/nodeTemplate/login [login-mode-required]"), describe(rulesOnly.validate(pool)));
    assertEquals(List.of("/metadata/name [pattern]", "/spec/nodeTemplate/login [login-mode-required]"),
        describe(VALIDATOR.validate(pool)));
  }

  @Test
  void clusterRulesOnlyWithClusterLimits() throws JsonProcessingException {
    NodePool turbo = read(Contract.example(DocumentedExample.CCE_TURBO_CLUSTER_REQUEST));
    assertEquals(List.of(), VALIDATOR.validate(turbo));
    assertEquals(List.of("/spec/type [elastic-bms-turbo-cluster-only]"),
        describe(VALIDATOR.validate(turbo, ClusterLimits.cce(50))));
  }

  @Test
  void messagesNeverShowThePassword() throws JsonProcessingException {
    NodePool pool = read(Contract.example(DocumentedExample.CCE_CLUSTER_REQUEST));
    pool.getSpec().getNodeTemplate().setLogin(new Login().userPassword("S3cret!"));
    pool.getMetadata().setName("S3cret!");
    List<Violation> violations = VALIDATOR.validate(pool);
    assertEquals(List.of("/metadata/name [pattern]"), describe(violations));
    violations.forEach(v -> assertFalse(v.getMessage().contains("S3cret"), v.getMessage()));
  }

  @Test
  void rejectsNull() {
    assertThrows(NullPointerException.class, () -> VALIDATOR.validate(null));
  }

  private static NodePool read(JsonNode json) throws JsonProcessingException {
    return MAPPER.treeToValue(json, NodePool.class);
  }

  private static String keyword(String constraintId) {
    return constraintId.substring(constraintId.lastIndexOf('#') + 1);
  }

  private static List<String> describe(List<Violation> violations) {
    return violations.stream().map(v -> v.getPointer() + " [" + v.getRule() + "]").toList();
  }
}
