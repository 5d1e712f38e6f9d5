/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.job;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test-only job that works in steps ({"steps": N, "millis": M}), reporting progress after each.
 * It lives in the test sources, so it exists in test contexts and in the worker processes the tests
 * start with the test class path, never in the application.
 */
@Component
public class StepsTestJob implements JobHandler {

    public static final String KIND = "test.steps";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Test steps";
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode p = JSON.readTree(context.parameters());
        int steps = p.path("steps").asInt(10);
        long millis = p.path("millis").asLong(100);
        for (int i = 1; i <= steps; i++) {
            context.checkCancelled();
            Thread.sleep(millis);
            context.progress((double) i / steps, "step " + i + "/" + steps);
        }
    }
}
