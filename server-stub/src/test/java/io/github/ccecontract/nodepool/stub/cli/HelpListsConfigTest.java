package io.github.ccecontract.nodepool.stub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.stub.config.ConfigLoader;
import io.github.ccecontract.nodepool.stub.faults.FaultJson;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --help} is all a holder of the jar has (issue 11, items 2.8 and 2.9): it lists every member the config
 * loader accepts, at every level, and tells the exit codes the process really has.
 */
class HelpListsConfigTest {

    private static final String HELP = StubMainTest.run("--help").out();

    @Test
    void everyMemberTheConfigLoaderAcceptsIsListed() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String set : List.of("TOP", "CLUSTER", "AZ")) {
            for (String member : members(ConfigLoader.class, set)) {
                if (!HELP.contains(member + ":")) {
                    missing.add(set + " " + member);
                }
            }
        }
        for (String member : members(FaultJson.class, "MEMBERS")) {
            if (!HELP.contains(member + ":")) {
                missing.add("fault " + member);
            }
        }
        assertEquals(List.of(), missing, "config members that --help does not list:\n" + HELP);
    }

    @Test
    void sendsNoOneToAReadmeTheJarDoesNotHold() {
        assertFalse(HELP.contains("README"), HELP);
    }

    @Test
    void statesTheExitCodesOfTheProcess() {
        // StubProcessTest: 143 after SIGTERM (the JVM's 128 + 15); StubMainTest: 2 for bad arguments.
        assertTrue(HELP.contains("143 after SIGTERM"), HELP);
        assertTrue(HELP.contains("2 bad arguments"), HELP);
        assertTrue(HELP.contains("1 could not start"), HELP);
        assertFalse(HELP.contains("0 stopped"), HELP);
    }

    private static Collection<String> members(Class<?> owner, String field) throws Exception {
        Field f = owner.getDeclaredField(field);
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        Collection<String> members = (Collection<String>) f.get(null);
        assertFalse(members.isEmpty(), owner.getSimpleName() + "." + field);
        return members;
    }
}
