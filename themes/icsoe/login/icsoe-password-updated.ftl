<#-- Minimal "Contraseña actualizada" page (reset feature); included by info.ftl after a reset. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("icsoePasswordUpdatedTitle")}
    <#elseif section = "form">
        <p id="icsoe-password-updated">${msg("icsoePasswordUpdatedTitle")}</p>
        <a id="kc-accept" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" href="${(acceptUrl!url.loginUrl)}">${msg("icsoeAccept")}</a>
    </#if>
</@layout.registrationLayout>
