/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The application on the embedded H2 database, with a web server on a random 127.0.0.1 port. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestSettings.ADMIN_PASSWORD_PROPERTY, "server.address=127.0.0.1", "segsurv.jobs.poll-seconds=1",
        "segsurv.jobs.stale-after-seconds=6", "segsurv.jobs.worker-name=test-worker",
        "segsurv.dicom.enabled=true", "segsurv.dicom.port=0"})
@ContextConfiguration(initializers = DatabaseInitializers.H2.class)
public @interface OnH2 {
}
