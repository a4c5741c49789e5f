<#ftl output_format="plainText">
${msg("icsoePasswordUpdatedBody", changedAt, realmName)}
