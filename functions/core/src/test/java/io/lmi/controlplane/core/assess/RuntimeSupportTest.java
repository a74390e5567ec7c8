package io.lmi.controlplane.core.assess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeSupportTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "java21, SUPPORTED, java21",
        "java25, SUPPORTED, java25",
        "python3.13, SUPPORTED, python3.13",
        "python3.14, SUPPORTED, python3.14",
        "nodejs22.x, SUPPORTED, nodejs22.x",
        "nodejs24.x, SUPPORTED, nodejs24.x",
        "dotnet8, SUPPORTED, dotnet8",
        "provided.al2023, SUPPORTED, provided.al2023",
        "java8, UPGRADE_AVAILABLE, java21",
        "java8.al2, UPGRADE_AVAILABLE, java21",
        "java11, UPGRADE_AVAILABLE, java21",
        "java17, UPGRADE_AVAILABLE, java21",
        "python3.9, UPGRADE_AVAILABLE, python3.13",
        "python3.12, UPGRADE_AVAILABLE, python3.13",
        "nodejs18.x, UPGRADE_AVAILABLE, nodejs22.x",
        "nodejs20.x, UPGRADE_AVAILABLE, nodejs22.x",
        "dotnet6, UPGRADE_AVAILABLE, dotnet8",
        "dotnetcore3.1, UPGRADE_AVAILABLE, dotnet8",
        "provided.al2, UPGRADE_AVAILABLE, provided.al2023",
        "provided, UPGRADE_AVAILABLE, provided.al2023",
        "go1.x, UPGRADE_AVAILABLE, provided.al2023",
        "ruby3.3, NO_LMI_VERSION, ",
        "python2.7, NO_LMI_VERSION, "
    })
    void eachRuntimeMovesToItsNearestLmiVersion(String runtime, RuntimeSupport.Status status, String target) {
        RuntimeSupport.Support support = RuntimeSupport.of(runtime, false);

        assertThat(support.status()).isEqualTo(status);
        assertThat(support.target()).isEqualTo(target);
        if (status != RuntimeSupport.Status.SUPPORTED) {
            assertThat(support.note()).isNotBlank();
        }
    }

    @ParameterizedTest
    @CsvSource({"java17", "''"})
    void anImageKeepsWhateverRuntimeItWasBuiltOn(String runtime) {
        assertThat(RuntimeSupport.of(runtime, true).status()).isEqualTo(RuntimeSupport.Status.IN_IMAGE);
        assertThat(RuntimeSupport.of(null, false).status()).isEqualTo(RuntimeSupport.Status.IN_IMAGE);
    }
}
