<#ftl output_format="plainText">
<#-- "Your password was updated" email, plain-text part (new template). -->
<#import "icsoe-email-layout.ftl" as mail>
<@mail.layout heading=msg("icsoePasswordUpdatedHeading")>
${msg("icsoePasswordUpdatedBody", changedAt, realmName)}
<#if viaEfirma!false>

${msg("icsoePasswordUpdatedByEfirma")}
</#if>

${msg("icsoePasswordUpdatedIfYou")}

${msg("icsoePasswordUpdatedNotYouTitle")} ${msg("icsoePasswordUpdatedNotYou")}
</@mail.layout>
