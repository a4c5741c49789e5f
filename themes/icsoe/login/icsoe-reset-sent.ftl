<#-- Minimal confirmation page (reset feature): identical for every well-formed request. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("icsoeResetTitle")}
    <#elseif section = "form">
        <p id="icsoe-reset-sent">${msg("icsoeResetSentMessage")}</p>
        <a id="kc-accept" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" href="${(acceptUrl!url.loginRestartFlowUrl)}">${msg("icsoeAccept")}</a>
    </#if>
</@layout.registrationLayout>
