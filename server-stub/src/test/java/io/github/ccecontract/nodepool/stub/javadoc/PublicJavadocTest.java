package io.github.ccecontract.nodepool.stub.javadoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public and protected type, constructor, method, field and enum constant of the stub's hand-written
 * sources has a Javadoc comment (issue 11): removing one fails the build. javac's doclint
 * ({@code -Xdoclint:all/protected} in the pom, its missing group included) checks that the comments are well-formed and
 * carry their {@code @param}, {@code @return} and {@code @throws} tags. The generated package {@code stub.api} is left
 * out, as in the pom.
 */
class PublicJavadocTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/ccecontract/nodepool/stub");

    @Test
    void everyPublicMemberOfTheHandWrittenSourcesHasJavadoc() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !SOURCES.relativize(p).startsWith("api")) // generated
                    .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() > 40, "the stub's sources were not found under " + SOURCES.toAbsolutePath());

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(
                    null,
                    fileManager,
                    d -> {},
                    List.of("-proc:none"),
                    null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            DocTrees docTrees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new MissingJavadoc(docTrees, unit, missing).scan(unit, null);
            }
        }
        assertEquals(List.of(), missing, "public or protected declarations without Javadoc");
    }

    /** Collects the public and protected declarations, reachable from outside, that have no doc comment. */
    private static final class MissingJavadoc extends TreePathScanner<Void, Void> {
        private final DocTrees docTrees;
        private final CompilationUnitTree unit;
        private final List<String> missing;

        MissingJavadoc(DocTrees docTrees, CompilationUnitTree unit, List<String> missing) {
            this.docTrees = docTrees;
            this.unit = unit;
            this.missing = missing;
        }

        @Override
        public Void visitClass(ClassTree type, Void unused) {
            if (!visible(type.getModifiers(), getCurrentPath())) {
                return null; // nothing inside a hidden type is visible
            }
            check(type.getSimpleName().toString());
            return super.visitClass(type, unused);
        }

        @Override
        public Void visitMethod(MethodTree method, Void unused) {
            boolean overrides = method.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
            if (visible(method.getModifiers(), getCurrentPath()) && !overrides) { // an override inherits its Javadoc
                check(method.getName() + "(" + method.getParameters().size() + " parameters)");
            }
            return null;
        }

        @Override
        public Void visitVariable(VariableTree variable, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof ClassTree && visible(variable.getModifiers(), getCurrentPath())) {
                check(variable.getName().toString());
            }
            return null;
        }

        private void check(String name) {
            if (docTrees.getDocCommentTree(getCurrentPath()) == null) {
                long line = unit.getLineMap()
                        .getLineNumber(docTrees.getSourcePositions()
                                .getStartPosition(unit, getCurrentPath().getLeaf()));
                missing.add(SOURCES.toAbsolutePath()
                                .relativize(Path.of(unit.getSourceFile().toUri())) + ":" + line + " " + name);
            }
        }

        /** Public or protected, or a member of an interface (public unless private), in visible types only. */
        private static boolean visible(ModifiersTree modifiers, TreePath path) {
            Tree parent = path.getParentPath().getLeaf();
            boolean inInterface = parent instanceof ClassTree enclosing
                    && (enclosing.getKind() == Tree.Kind.INTERFACE || enclosing.getKind() == Tree.Kind.ANNOTATION_TYPE);
            return modifiers.getFlags().contains(Modifier.PUBLIC)
                    || modifiers.getFlags().contains(Modifier.PROTECTED)
                    || (inInterface && !modifiers.getFlags().contains(Modifier.PRIVATE));
        }
    }
}
