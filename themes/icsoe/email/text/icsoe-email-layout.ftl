<#ftl output_format="plainText">
<#--
  ICSOE frame of the plain-text emails, as html/icsoe-email-layout.ftl is for the HTML ones: the
  organisation line, the heading, the greeting, the body, and the footer. Used by password-reset.ftl
  and icsoe-password-updated.ftl.
-->
<#macro layout heading>
${msg("icsoeEmailOrg")} | ${msg("icsoeEmailApp")} - ${msg("icsoeEmailAppDescription")}

${heading}

<#if user?? && (user.firstName)?has_content>${msg("icsoeEmailGreetingName", user.firstName)}<#else>${msg("icsoeEmailGreeting")}</#if>

<#nested>

--
${msg("icsoeEmailFooter")}
${msg("icsoeEmailInstitution")}
</#macro>
