package io.netcap.cli.maltego;

import static io.netcap.cli.maltego.Transforms.IPADDR;
import static io.netcap.cli.maltego.Transforms.IPADDR_LABEL;
import static io.netcap.cli.maltego.Transforms.each;
import static io.netcap.cli.maltego.Transforms.recordFile;

import io.netcap.types.Mail;
import io.netcap.types.POP3;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The transforms over the POP3 sessions of a client address ({@code ipaddr}): the mails it fetched (the Mail records
 * its sessions name by ID), their senders and recipients, its user names, passwords and authentication tokens.
 */
final class MailTransforms {
    private MailTransforms() {}

    /** toMails: each mail the client fetched, as toEmails shows it, with the session's timestamp. */
    static void mails(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        fetched(in, (pop3, m, file) -> Transforms.email(out, m, file, pop3.getTimestamp()));
    }

    /** toMailFrom, toMailTo: a netcap.Email per sender or recipient of a mail the client fetched. */
    static Transforms.Body addresses(Function<Mail, String> field) {
        return (in, out, context) -> fetched(in, (pop3, m, file) -> {
            if (!field.apply(m).isEmpty()) {
                out.entity("netcap.Email", field.apply(m)).property("path", "Path", file.toString())
                        .property(IPADDR, IPADDR_LABEL, pop3.getClientIP());
            }
        });
    }

    /**
     * toMailUsers (maltego.Person), toMailAuthTokens (maltego.Token), toMailUserPassword (maltego.Password of the
     * user that is the input's value): a value of each of the client's sessions.
     */
    static Transforms.Body sessions(String type, boolean ofUser, Function<POP3, String> field) {
        return (in, out, context) -> {
            Path file = recordFile(in, POP3.class);
            String ip = in.get(IPADDR);
            each(file, POP3.class, (POP3 p) -> {
                if (p.getClientIP().equals(ip) && (!ofUser || p.getUser().equals(in.value())) && !field.apply(p).isEmpty()) {
                    out.entity(type, field.apply(p)).property("path", "Path", file.toString())
                            .property(IPADDR, IPADDR_LABEL, ip);
                }
            });
        };
    }

    private interface Fetched {
        void accept(POP3 session, Mail mail, Path file);
    }

    /** The mails of the client's POP3 sessions, by the IDs the sessions name; the Mail file beside the POP3 one. */
    private static void fetched(LocalTransform in, Fetched each) throws IOException {
        Path file = recordFile(in, POP3.class);
        String ip = in.get(IPADDR);
        List<POP3> sessions = Transforms.matching(file, POP3.class, p -> p.getClientIP().equals(ip));
        if (sessions.isEmpty()) {
            return;
        }
        Map<String, Mail> mails = new HashMap<>();
        each(recordFile(in, Mail.class), Mail.class, (Mail m) -> mails.putIfAbsent(m.getID(), m));
        for (POP3 p : sessions) {
            for (String id : p.getMailIDsList()) {
                Mail m = mails.get(id);
                if (m != null) {
                    each.accept(p, m, file);
                }
            }
        }
    }
}
