<#ftl output_format="plainText">
<#-- "Your password was updated" email, plain-text part (new template). -->
${msg("icsoeEmailOrg")} | ${msg("icsoeEmailApp")} - ${msg("icsoeEmailAppDescription")}

${msg("icsoePasswordUpdatedHeading")}

<#if user?? && (user.firstName)?has_content>${msg("icsoeEmailGreetingName", user.firstName)}<#else>${msg("icsoeEmailGreeting")}</#if>

${msg("icsoePasswordUpdatedBody", changedAt, realmName)}
<#if viaEfirma!false>

${msg("icsoePasswordUpdatedByEfirma")}
</#if>

${msg("icsoePasswordUpdatedIfYou")}

${msg("icsoePasswordUpdatedNotYouTitle")} ${msg("icsoePasswordUpdatedNotYou")}

--
${msg("icsoeEmailFooter")}
${msg("icsoeEmailInstitution")}
