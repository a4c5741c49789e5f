<#--
  "Contraseña actualizada" (guide, images 1.9 / 1.10). New template; Aceptar leads to the login
  page, where the person signs in with the CURP and the new password.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false showUsername=false; section>
    <#if section = "header">
        ${msg("updatePasswordTitle")}
    <#elseif section = "form">
        <div id="icsoe-password-updated" class="icsoe-notice icsoe-notice--success" role="status">
            <h2 class="icsoe-notice__title">${msg("icsoePasswordUpdatedTitle")}</h2>
            <p class="icsoe-notice__text">${msg("icsoePasswordUpdatedMessage")}</p>
        </div>
        <div class="icsoe-actions">
            <a id="kc-accept" class="icsoe-btn icsoe-btn--primary" href="${(acceptUrl)!url.loginUrl}">${msg("icsoeAccept")}</a>
        </div>
    </#if>
</@layout.registrationLayout>
