package dev.leakscope.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksSecretsInEveryCommonForm() {
        assertThat(Redaction.commandLine("java -Ddb.password=hunter2 -Dapp.name=svc -jar svc.jar"))
                .isEqualTo("java -Ddb.password=*** -Dapp.name=svc -jar svc.jar");
        assertThat(Redaction.commandLine("python serve.py --hf-token hf_abc --port 8080"))
                .isEqualTo("python serve.py --hf-token *** --port 8080");
        assertThat(Redaction.commandLine("svc --api_key=XYZ SECRET_KEY=s3 aws_secret:abc"))
                .isEqualTo("svc --api_key=*** SECRET_KEY=*** aws_secret:***");
        assertThat(Redaction.commandLine("svc -Djavax.net.ssl.keyStorePassword=changeit"))
                .isEqualTo("svc -Djavax.net.ssl.keyStorePassword=***");
    }

    @Test
    void leavesOrdinaryArgumentsAlone() {
        String cmd = "java -Xmx4g -XX:MaxDirectMemorySize=1g -cp app.jar com.acme.Main --threads 4 --model /m/model.onnx";
        assertThat(Redaction.commandLine(cmd)).isEqualTo(cmd);
    }
}
