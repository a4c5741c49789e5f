<#import "template.ftl" as layout>
<@layout.emailLayout>
<div id="icsoe-password-updated-email">
${kcSanitize(msg("icsoePasswordUpdatedBodyHtml", changedAt, realmName))?no_esc}
</div>
</@layout.emailLayout>
