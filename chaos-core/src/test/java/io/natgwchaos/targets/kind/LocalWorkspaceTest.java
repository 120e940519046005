package io.natgwchaos.targets.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWorkspaceTest {
  @Test
  void downloadsPatchesAndWritesIntoTheWorkspace(@TempDir Path root) throws Exception {
    LocalWorkspace workspace = new LocalWorkspace(root, (uri, timeout) ->
        "#!/bin/bash\nkubectl cp x:/kube-ovn/kubectl-ko /usr/local/bin/kubectl-ko\n");
    Path script = root.resolve("kube-ovn/install.sh");

    workspace.download(URI.create("https://example.invalid/install.sh"), script,
        TextPatch.replaceAll("move kubectl-ko", "/usr/local/bin/kubectl-ko", root.resolve("bin/kubectl-ko").toString()),
        Duration.ofSeconds(1));
    workspace.writePrivate(root.resolve("kubeconfig"), "apiVersion: v1\n");

    assertThat(Files.readString(script)).isEqualTo("#!/bin/bash\nkubectl cp x:/kube-ovn/kubectl-ko "
        + root.resolve("bin/kubectl-ko") + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("kubeconfig"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aPatchThatNoLongerAppliesStopsTheDownload(@TempDir Path root) {
    LocalWorkspace workspace = new LocalWorkspace(root, (uri, timeout) -> "kind: DaemonSet\nimage: multus:latest\n");

    assertThatThrownBy(() -> workspace.download(URI.create("https://example.invalid/m.yml"), root.resolve("m.yml"),
        TextPatch.replaceAll("pin image :snapshot-thick to :v4.1.3-thick", ":snapshot-thick", ":v4.1.3-thick"),
        Duration.ofSeconds(1)))
        .hasMessage("cannot pin image :snapshot-thick to :v4.1.3-thick: the file no longer contains ':snapshot-thick'");
    assertThat(root.resolve("m.yml")).doesNotExist();
  }
}
