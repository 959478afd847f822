package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.Conversation;
import io.netcap.types.SMTP;
import java.util.List;

/** The {@code SMTP} record of a conversation (docs/mail.md). */
final class SmtpRecord {
    private SmtpRecord() {}

    static SMTP of(Conversation c, long timestamp, boolean encrypted, List<String> mailIds, List<String> commands) {
        return SMTP.newBuilder()
                .setTimestamp(timestamp)
                .setIsEncrypted(encrypted)
                .setSrcIP(c.clientIp())
                .setDstIP(c.serverIp())
                .setSrcPort(c.clientPort())
                .setDstPort(c.serverPort())
                .addAllMailIDs(mailIds)
                .addAllCommands(commands)
                .build();
    }
}
