<#ftl output_format="plainText">
<#-- Reset email, plain-text part. Overrides base/email/text/password-reset.ftl of Keycloak 26.7.5. -->
${msg("icsoeEmailOrg")} | ${msg("icsoeEmailApp")} - ${msg("icsoeEmailAppDescription")}

${msg("icsoeResetHeading")}

<#if user?? && (user.firstName)?has_content>${msg("icsoeEmailGreetingName", user.firstName)}<#else>${msg("icsoeEmailGreeting")}</#if>

${msg("icsoeResetIntro")}

${msg("icsoeResetTextLinkIntro")}
${link}

${msg("icsoeResetExpiry", linkExpiration)}

${msg("icsoeResetNotYouTitle")} ${msg("icsoeResetNotYou")}

--
${msg("icsoeEmailFooter")}
${msg("icsoeEmailInstitution")}
