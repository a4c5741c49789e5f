<#ftl output_format="plainText">
<#-- Reset email, plain-text part. Overrides base/email/text/password-reset.ftl of Keycloak 26.7.5. -->
<#import "icsoe-email-layout.ftl" as mail>
<@mail.layout heading=msg("icsoeResetHeading")>
${msg("icsoeResetIntro")}

${msg("icsoeResetTextLinkIntro")}
${link}

${msg("icsoeResetExpiry", linkExpiration)}

${msg("icsoeResetNotYouTitle")} ${msg("icsoeResetNotYou")}
</@mail.layout>
