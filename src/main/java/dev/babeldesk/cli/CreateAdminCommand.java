package dev.babeldesk.cli;

import dev.babeldesk.config.Config;
import dev.babeldesk.handoff.Agent;
import dev.babeldesk.handoff.AgentService;
import dev.babeldesk.handoff.Role;
import dev.babeldesk.storage.Database;
import dev.babeldesk.storage.JdbcAgentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "create-admin", description = "Create an admin agent account. The password is read from the terminal "
        + "(not echoed) or from standard input, never from the command line.")
final class CreateAdminCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--email", required = true)
    String email;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--languages", split = ",", description = "Languages the admin answers in, e.g. en,de", defaultValue = "en")
    String[] languages;

    @Option(names = "--capacity", defaultValue = "3", description = "Conversations at once")
    int capacity;

    @Override
    public Integer call() throws Exception {
        Config c = config.load();
        String password;
        if (System.console() != null) {
            password = new String(System.console().readPassword("Password for %s: ", email));
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null) throw new IllegalArgumentException("no password given on standard input");
        AgentService agents = new AgentService(new JdbcAgentStore(Database.open(c.database()), Clock.systemUTC()),
                Clock.systemUTC(), Duration.ofHours(c.sessionHours()));
        Agent admin = agents.create(email, name, Arrays.asList(languages), capacity, Role.ADMIN, password);
        System.out.println("created admin " + admin.name() + " <" + admin.email() + "> in " + c.database());
        return 0;
    }
}
