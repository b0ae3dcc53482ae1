package io.github.ccecontract.nodepool.stub;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.config.StubConfig;
import io.github.ccecontract.nodepool.stub.errors.CceErrors;
import io.github.ccecontract.nodepool.stub.validation.JsonBodyParser;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** server-stub/README.md documents what the code does: its error codes, options, config members, limits. */
class StubReadmeTest {

    static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("stub.readme", "README.md")));
    }

    @Test
    void everyErrorCodeIsDocumented() throws Exception {
        String readme = readme();
        for (Field field : CceErrors.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String code = (String) field.get(null);
                assertTrue(readme.contains("`" + code + "`"), "README.md does not document " + code);
            }
        }
    }

    @Test
    void everyOptionAndConfigMemberIsDocumented() throws IOException {
        String readme = readme();
        for (String name : List.of(
                "`--port N`",
                "`--host ADDRESS`",
                "`--config FILE`",
                "`--help`",
                "`--version`",
                "clusters:",
                "type:",
                "maxNodes:",
                "azs:",
                "existingNodes",
                "soldOut",
                "tokens:",
                "accessKeys:",
                "maxNodePools:",
                "maxBodyBytes:",
                "journalSize:",
                "journalAllRequests:",
                "faults:")) {
            assertTrue(readme.contains(name), "README.md does not mention " + name);
        }
    }

    @Test
    void limitsAreTheCodesLimits() throws IOException {
        String readme = readme();
        assertTrue(readme.contains("**Nesting depth: " + JsonBodyParser.MAX_DEPTH + " levels.**"));
        assertTrue(readme.contains("maxBodyBytes: " + StubConfig.DEFAULT_MAX_BODY_BYTES));
        assertTrue(readme.contains("maxNodePools: " + StubConfig.DEFAULT_MAX_NODE_POOLS));
        assertTrue(readme.contains("journalSize: " + StubConfig.DEFAULT_JOURNAL_SIZE));
    }
}
