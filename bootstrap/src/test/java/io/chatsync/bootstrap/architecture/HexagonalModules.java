package io.chatsync.bootstrap.architecture;

import java.util.stream.Stream;
import org.springframework.modulith.core.ApplicationModuleDetectionStrategy;
import org.springframework.modulith.core.ApplicationModuleInformation;
import org.springframework.modulith.core.JavaPackage;
import org.springframework.modulith.core.NamedInterfaces;

/**
 * The hexagon as Spring Modulith modules: {@code domain}, {@code application} and {@code bootstrap}, and each
 * adapter under {@code adapters} on its own. The inner rings are open (every package is their API, and they carry
 * no framework annotations to say otherwise); an adapter is reached only through its base package.
 */
public class HexagonalModules implements ApplicationModuleDetectionStrategy {

    @Override
    public Stream<JavaPackage> getModuleBasePackages(JavaPackage root) {
        return root.getDirectSubPackages().stream()
                .flatMap(module -> module.getLocalName().equals("adapters")
                        ? module.getDirectSubPackages().stream()
                        : Stream.of(module));
    }

    @Override
    public NamedInterfaces detectNamedInterfaces(JavaPackage basePackage, ApplicationModuleInformation information) {
        String name = basePackage.getLocalName();
        return name.equals("domain") || name.equals("application")
                ? NamedInterfaces.forOpen(basePackage)
                : NamedInterfaces.of(basePackage, information);
    }
}
