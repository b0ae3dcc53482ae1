package io.github.ccecontract.nodepool.client.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.github.ccecontract.nodepool.client.CceJson;
import io.github.ccecontract.nodepool.client.model.NodePool;
import io.github.ccecontract.nodepool.client.model.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.ValidationProviderResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a {@link NodePool} before it is sent, with the two kinds of rules the document has:
 *
 * <ol>
 *   <li>its JSON Schema constraints, as the Jakarta Bean Validation annotations the generator put on
 *       the models ({@code @NotNull}, {@code @Pattern}, {@code @Size}, {@code @Min}, {@code @Max}):
 *       checked only if a Bean Validation provider is on the classpath (the client does not bring
 *       one: add {@code org.hibernate.validator:hibernate-validator}); without one, this part is
 *       skipped and {@link #beanValidationAvailable()} is {@code false};
 *   <li>its {@code x-cce-rules}, by {@link ContractRules} on the JSON the client would send: always
 *       the request-scoped ones, and the cluster-scoped ones when {@link ClusterLimits} are given.
 * </ol>
 *
 * <p>Violations have the form of the service's error body: the JSON pointer of the value, the rule
 * (a JSON Schema keyword such as {@code required}, {@code pattern}, {@code maxLength},
 * {@code minimum}, or an {@code x-cce-rules} id) and a message. Messages never repeat string values
 * of the node pool. Enum values need no check: the models only hold the document's values.
 *
 * <p>The document's constraints the annotations cannot express are not checked here (the service
 * checks them): {@code not: DefaultPool} on the name (its pattern already excludes it) and the pattern
 * of {@code k8sTags} values. Thread-safe.
 */
public final class NodePoolValidator {
  private final Validator validator;
  private final ObjectMapper mapper;

  private NodePoolValidator(Validator validator) {
    this.validator = validator;
    this.mapper = CceJson.newObjectMapper();
  }

  /** A validator that uses the Bean Validation provider on the classpath, if there is one. */
  public static NodePoolValidator create() {
    return new NodePoolValidator(beanValidator(null));
  }

  /** A validator that checks only the document's {@code x-cce-rules} (no Bean Validation). */
  public static NodePoolValidator withoutBeanValidation() {
    return new NodePoolValidator(null);
  }

  /** For tests: the providers come from {@code resolver} (an empty list: as if none were on the classpath). */
  static NodePoolValidator create(ValidationProviderResolver resolver) {
    return new NodePoolValidator(beanValidator(Objects.requireNonNull(resolver, "resolver")));
  }

  private static Validator beanValidator(ValidationProviderResolver resolver) {
    try {
      var configuration = resolver == null
          ? Validation.byDefaultProvider().configure()
          : Validation.byDefaultProvider().providerResolver(resolver).configure();
      // Messages are built here from the constraint's attributes; the provider's interpolator (which
      // may need an Expression Language implementation) is never asked.
      ValidatorFactory factory = configuration.messageInterpolator(new VerbatimInterpolator())
          .buildValidatorFactory();
      return factory.getValidator();
    } catch (NoProviderFoundException e) {
      return null;
    }
  }

  /** Whether the Bean Validation constraints are checked (a provider was found). */
  public boolean beanValidationAvailable() {
    return validator != null;
  }

  /** Checks the Bean Validation constraints (if available) and the request-scoped rules. */
  public List<Violation> validate(NodePool nodePool) {
    return validate(nodePool, null);
  }

  /**
   * Checks the Bean Validation constraints (if available), the request-scoped rules and, if
   * {@code cluster} is given, the cluster-scoped rules.
   *
   * @return the violations, sorted by pointer; empty if the node pool obeys every rule checked
   */
  public List<Violation> validate(NodePool nodePool, ClusterLimits cluster) {
    Objects.requireNonNull(nodePool, "nodePool");
    List<Violation> result = new ArrayList<>();
    if (validator != null) {
      for (ConstraintViolation<NodePool> violation : validator.validate(nodePool)) {
        result.add(toViolation(violation));
      }
    }
    JsonNode json = mapper.valueToTree(nodePool);
    result.addAll(ContractRules.check(json, cluster));
    result.sort(Comparator.comparing(Violation::getPointer).thenComparing(Violation::getRule));
    return result;
  }

  @Override
  public String toString() {
    return "NodePoolValidator{beanValidation=" + (validator != null) + "}";
  }

  private Violation toViolation(ConstraintViolation<NodePool> violation) {
    String pointer = pointer(violation.getPropertyPath());
    String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
    Object value = violation.getInvalidValue();
    String rule;
    String message;
    switch (annotation) {
      case "NotNull" -> {
        rule = "required";
        message = "is required";
      }
      case "Pattern" -> {
        rule = "pattern";
        message = "must match the pattern " + attributes.get("regexp");
      }
      case "Min", "DecimalMin" -> {
        rule = "minimum";
        message = "must be at least " + attributes.get("value");
      }
      case "Max", "DecimalMax" -> {
        rule = "maximum";
        message = "must be at most " + attributes.get("value");
      }
      case "Size" -> {
        int min = (Integer) attributes.get("min");
        int max = (Integer) attributes.get("max");
        int size = value instanceof CharSequence s ? s.length()
            : value instanceof Collection<?> c ? c.size()
            : value instanceof Map<?, ?> m ? m.size() : 0;
        boolean tooSmall = size < min;
        String unit;
        if (value instanceof CharSequence) {
          rule = tooSmall ? "minLength" : "maxLength";
          unit = "characters";
        } else if (value instanceof Map) {
          rule = tooSmall ? "minProperties" : "maxProperties";
          unit = "members";
        } else {
          rule = tooSmall ? "minItems" : "maxItems";
          unit = "items";
        }
        message = tooSmall ? "must have at least " + min + " " + unit : "must have at most " + max + " " + unit;
      }
      default -> {
        rule = annotation.substring(0, 1).toLowerCase(Locale.ROOT) + annotation.substring(1);
        message = "breaks @" + annotation;
      }
    }
    return new Violation().pointer(pointer).rule(rule).message(message);
  }

  /** The JSON pointer of a Bean Validation path: JSON member names (not Java names), array indices, map keys. */
  private String pointer(Path path) {
    StringBuilder pointer = new StringBuilder();
    JavaType type = mapper.constructType(NodePool.class);
    for (Path.Node node : path) {
      if (node.isInIterable() && type != null) {
        Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
        pointer.append('/').append(ContractRules.escape(String.valueOf(position)));
        type = type.getContentType();
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        BeanPropertyDefinition property = type == null ? null : property(type, node.getName());
        pointer.append('/').append(ContractRules.escape(property != null ? property.getName() : node.getName()));
        type = property != null ? property.getPrimaryType() : null;
      }
    }
    return pointer.toString();
  }

  private BeanPropertyDefinition property(JavaType type, String javaName) {
    BeanDescription description = mapper.getSerializationConfig().introspect(type);
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.getInternalName().equals(javaName)) return property;
    }
    return null;
  }

  /** Returns message templates as they are: messages are built from the constraint attributes instead. */
  private static final class VerbatimInterpolator implements MessageInterpolator {
    @Override
    public String interpolate(String messageTemplate, Context context) {
      return messageTemplate;
    }

    @Override
    public String interpolate(String messageTemplate, Context context, Locale locale) {
      return messageTemplate;
    }
  }
}
