/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv.cli;

import io.segsurv.user.User;
import io.segsurv.user.UserService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/** Account administration from the shell, e.g. to reset a forgotten admin password. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts from the command line.",
        subcommands = {UserCommand.Add.class, UserCommand.Password.class, UserCommand.ListUsers.class})
final class UserCommand {

    static ConfigurableApplicationContext context(CommonOptions common) {
        Map<String, Object> props = common.springProperties();
        props.put("segsurv.jobs.run-here", false);
        props.put("spring.main.log-startup-info", false);
        props.put("logging.level.root", "WARN");
        return SpringLauncher.start(props, false);
    }

    /** The new password: from SEGSURV_NEW_PASSWORD, else one line of standard input. */
    static String readPassword() throws IOException {
        String env = System.getenv("SEGSURV_NEW_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        if (System.console() != null) {
            char[] pw = System.console().readPassword("New password: ");
            return pw == null ? "" : new String(pw);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create an account; the password is read from SEGSURV_NEW_PASSWORD or standard input.")
    static final class Add implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "USERNAME")
        String username;
        @Option(names = "--display-name", paramLabel = "NAME")
        String displayName;
        @Option(names = "--admin", description = "Give the account the global ADMIN role.")
        boolean admin;

        @Override
        public Integer call() throws IOException {
            String password = readPassword();
            try (var ctx = context(common)) {
                User u = ctx.getBean(UserService.class).create(username, displayName, password, admin);
                System.out.println("Created user " + u.username() + " (id " + u.id() + (u.admin() ? ", admin" : "") + ")");
            }
            return 0;
        }
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Set an account's password (read from SEGSURV_NEW_PASSWORD or standard input).")
    static final class Password implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() throws IOException {
            String password = readPassword();
            try (var ctx = context(common)) {
                UserService users = ctx.getBean(UserService.class);
                User u = users.findByUsername(username).orElse(null);
                if (u == null) {
                    System.err.println("error: no user named '" + username + "'");
                    return 2;
                }
                users.setPassword(u.id(), password);
                System.out.println("Password of " + u.username() + " changed");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts (as JSON with --out).")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the list as JSON to FILE.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (var ctx = context(common)) {
                List<User> all = ctx.getBean(UserService.class).list(0, Integer.MAX_VALUE, null);
                if (out != null) {
                    Files.writeString(out, JsonMapper.builder().findAndAddModules().build()
                            .writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("users", all)));
                } else {
                    all.forEach(u -> System.out.printf("%-24s %-30s %s%s%n", u.username(), u.displayName(),
                            u.admin() ? "admin" : "", u.enabled() ? "" : " (disabled)"));
                }
            }
            return 0;
        }
    }
}
